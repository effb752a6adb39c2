// `memtop analyze` as text, against golden files: the summary, retainer paths and a diff of the recorded
// snapshots of Node 20 and Node 26 (test/fixtures/snapshots), which differ in format (see runtime-formats).
import { test } from 'node:test';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import { runAnalyze, type AnalyzeOptions } from '../../source/commands/analyze.js';
import { toPprof } from '../../source/model/profile/pprof.js';
import { assertGolden } from '../helpers/golden.js';

/** The fixtures unpacked into a temp folder for one test. */
function unpacked(t: { after(fn: () => void): void }, ...majors: number[]): string[] {
	const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'memtop-golden-'));
	t.after(() => fs.rmSync(dir, { recursive: true, force: true }));
	return majors.map((major) => {
		const file = path.join(dir, `node${major}.heapsnapshot`);
		fs.writeFileSync(file, zlib.brotliDecompressSync(fs.readFileSync(new URL(`../fixtures/snapshots/node${major}.heapsnapshot.br`, import.meta.url))));
		return file;
	});
}

/** What analyze prints, with what changes from run to run (the temp folder, the timings) made stable. */
function printed(options: AnalyzeOptions): string {
	let out = '';
	runAnalyze(options, (text) => (out += text));
	return out.replaceAll(path.dirname(options.file), '<dir>').replace(/\(parse [^)]*\)/g, '(timings)');
}

test('analyze: the summary of each recorded format', (t) => {
	const [node20, node26] = unpacked(t, 20, 26);
	assertGolden('analyze-node20-summary.txt', printed({ file: node20, top: 15, json: false }));
	assertGolden('analyze-node26-summary.txt', printed({ file: node26, top: 15, json: false }));
});

test('analyze: retainer paths of Session, and a class-level diff across two processes', (t) => {
	const [node20, node26] = unpacked(t, 20, 26);
	assertGolden('analyze-node26-retainers-session.txt', printed({ file: node26, top: 5, retainers: 'Session', json: false }));
	assertGolden('analyze-node26-vs-node20-diff.txt', printed({ file: node26, base: node20, top: 10, json: false }));
});

/** A sampling profile of a small known program: two allocators in app.js, one through a builtin. */
function profileOf(allocBytes: number, helperBytes: number) {
	const frame = (id: number, functionName: string, lineNumber: number, selfSize: number, children: object[] = [], url = 'file:///srv/app.js') =>
		({ id, selfSize, callFrame: { functionName, scriptId: '7', url, lineNumber, columnNumber: 0 }, children });
	return { head: frame(1, '(root)', -1, 0, [
		frame(2, 'handleRequest', 9, 0, [frame(3, 'allocateOrders', 3, allocBytes), frame(4, 'repeat', -1, helperBytes, [], '')]),
		frame(5, 'tick', 20, 4096),
	], ''), samples: [] };
}

test('analyze: the pprof top of a .heapprofile and a .pb.gz, and -base between two', (t) => {
	const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'memtop-golden-'));
	t.after(() => fs.rmSync(dir, { recursive: true, force: true }));
	const older = path.join(dir, 'older.heapprofile');
	const newer = path.join(dir, 'newer.pb.gz');
	fs.writeFileSync(older, JSON.stringify(profileOf(1 << 20, 256 << 10)));
	fs.writeFileSync(newer, toPprof(profileOf(5 << 20, 512 << 10) as never, { mode: 'inuse', intervalBytes: 512 * 1024, timeMs: 0, durationMs: 60_000 }));
	assertGolden('analyze-profile-top.txt', printed({ file: older, top: 10, json: false }));
	assertGolden('analyze-profile-base.txt', printed({ file: newer, base: older, top: 10, json: false }));
});
