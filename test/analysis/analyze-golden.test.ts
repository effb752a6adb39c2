// `memtop analyze` as text, against golden files: the summary, retainer paths and a diff of the recorded
// snapshots of Node 20 and Node 26 (test/fixtures/snapshots), which differ in format (see runtime-formats).
import { test } from 'node:test';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import { runAnalyze, type AnalyzeOptions } from '../../source/commands/analyze.js';
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
