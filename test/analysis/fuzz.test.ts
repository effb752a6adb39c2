// Random and mutated inputs to the snapshot parser and the profile readers (truncations, flipped bytes, huge
// counts, noise) end in a SnapshotFormatError, the error `memtop analyze` prints in one line with exit 2: never
// a RangeError, a TypeError or a hang. Seeded, so a failure can be replayed; a sample goes through the real CLI.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { analyzeFile } from '../../source/analysis/analyze.js';
import { profileTop } from '../../source/analysis/profile-file.js';
import { toPprof } from '../../source/model/profile/pprof.js';
import { snapshotText, type EdgeSpec, type NodeSpec } from '../helpers/heap-graph.js';
import { runCli } from '../helpers/cli.js';
import { SnapshotFormatError } from '../../source/errors.js';

/** mulberry32: a small seeded generator, so every case can be made again. */
function random(seed: number): () => number {
	return () => {
		seed = (seed + 0x6d2b79f5) | 0;
		let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
		t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
	};
}

const nodes: NodeSpec[] = [{ name: '', type: 'synthetic', self: 0 }, { name: 'Session#1', self: 40 }, { name: 'Session#2', self: 40 }, { name: 'text', type: 'string', self: 100 }];
const edges: EdgeSpec[] = [{ from: '', to: 'Session#1' }, { from: '', to: 'Session#2' }, { from: 'Session#1', to: 'text' }, { from: 'Session#2', to: 'text', type: 'weak', name: 'w' }];
const snapshot = Buffer.from(snapshotText(nodes, edges));
const frame = (id: number, name: string, children: object[] = [], selfSize = 0) => ({ id, selfSize, callFrame: { functionName: name, scriptId: '1', url: 'file:///app.js', lineNumber: id, columnNumber: 0 }, children });
const profile = { head: frame(1, '(root)', [frame(2, 'alloc', [], 4096), frame(3, 'other', [frame(4, 'deep', [], 1024)])]), samples: [] };
const heapprofile = Buffer.from(JSON.stringify(profile));
const pprof = Buffer.from(toPprof(profile as never, { mode: 'inuse', intervalBytes: 512 * 1024, timeMs: 0, durationMs: 1000 }));

/** One mutation of bytes: cut short, bytes flipped, a number made huge, a run of noise, or noise alone. */
function mutate(bytes: Buffer, next: () => number): Buffer {
	const at = Math.floor(next() * bytes.length);
	switch (Math.floor(next() * 5)) {
		case 0:
			return bytes.subarray(0, at);
		case 1: {
			const copy = Buffer.from(bytes);
			for (let i = 0; i < 1 + next() * 8; i++) copy[Math.floor(next() * copy.length)] ^= 1 << Math.floor(next() * 8);
			return copy;
		}
		case 2: {
			const text = bytes.toString('latin1');
			const digits = /\d+/g;
			const spots = [...text.matchAll(digits)];
			if (spots.length === 0) return bytes;
			const spot = spots[Math.floor(next() * spots.length)];
			const huge = ['4294967296', '2147483647', '1e300', '99999999999999999999', '-1'][Math.floor(next() * 5)];
			return Buffer.from(text.slice(0, spot.index) + huge + text.slice(spot.index! + spot[0].length), 'latin1');
		}
		case 3: {
			const copy = Buffer.from(bytes);
			for (let i = at; i < Math.min(copy.length, at + 64); i++) copy[i] = Math.floor(next() * 256);
			return copy;
		}
		default:
			return Buffer.from(Array.from({ length: 1 + Math.floor(next() * 512) }, () => Math.floor(next() * 256)));
	}
}

function fuzz(name: string, original: Buffer, read: (file: string) => unknown, cases: number, seed: number): string[] {
	const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'memtop-fuzz-'));
	const kept: string[] = [];
	try {
		const next = random(seed);
		for (let i = 0; i < cases; i++) {
			const file = path.join(dir, `${i}-${name}`);
			fs.writeFileSync(file, mutate(original, next));
			try {
				read(file);
			} catch (error) {
				assert.ok(error instanceof SnapshotFormatError, `case ${i} of ${name} (seed ${seed}): ${(error as Error).stack}`);
				if (kept.length < 3) kept.push(fs.readFileSync(file).toString('base64'));
			}
		}
	} finally {
		fs.rmSync(dir, { recursive: true, force: true });
	}
	return kept;
}

test('mutated heap snapshots: a SnapshotFormatError or a result, nothing else', () => {
	fuzz('a.heapsnapshot', snapshot, (file) => analyzeFile(file), 600, 1);
});

test('mutated .heapprofile and .pb.gz files: a SnapshotFormatError or a result, nothing else', () => {
	fuzz('a.heapprofile', heapprofile, (file) => profileTop(file, 'heapprofile'), 400, 2);
	fuzz('a.pb.gz', pprof, (file) => profileTop(file, 'pprof'), 400, 3);
});

test('through the real CLI, broken files are one line and exit 2', async (t) => {
	const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'memtop-fuzz-cli-'));
	t.after(() => fs.rmSync(dir, { recursive: true, force: true }));
	const next = random(4);
	for (const [name, original] of [['s.heapsnapshot', snapshot], ['p.heapprofile', heapprofile], ['p.pb.gz', pprof]] as const) {
		let shown = 0;
		for (let i = 0; i < 40 && shown < 4; i++) {
			const file = path.join(dir, `${i}-${name}`);
			fs.writeFileSync(file, mutate(original, next));
			const run = await runCli(['analyze', file]).done;
			if (run.code === 0) continue;
			shown++;
			assert.equal(run.code, 2, run.stderr);
			assert.match(run.stderr, /^memtop: [^\n]+\n$/, `one line: ${run.stderr}`);
		}
		assert.ok(shown > 0, `some mutations of ${name} were refused`);
	}
});
