// A big snapshot's edges are read by a second thread while this one reads the nodes: the graph is the one a
// single thread reads, byte for byte, and a broken file gives the same error. Small chunks and no size floor make
// these small files take the two-thread path.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import { readSnapshot } from '../../source/analysis/read-snapshot.js';
import type { HeapGraph } from '../../source/model/heap-snapshot/graph.js';
import { snapshotText } from '../helpers/heap-graph.js';

const TWO_THREADS = { parallelFrom: 0, chunkBytes: 4096 };
const ONE_THREAD = { parallelFrom: Infinity, chunkBytes: 4096 };

/** Every column and string as plain values, to compare two graphs. */
const plain = (graph: HeapGraph) => Object.fromEntries(Object.entries(graph).map(([key, value]) => [key, ArrayBuffer.isView(value) ? Array.from(value as Uint32Array) : value]));

function tempDir(t: { after: (fn: () => void) => void }): string {
	const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'memtop-parallel-'));
	t.after(() => fs.rmSync(dir, { recursive: true, force: true }));
	return dir;
}

/** The error a read throws, or undefined. */
function errorOf(read: () => unknown): string | undefined {
	try {
		read();
		return undefined;
	} catch (error) {
		return (error as Error).message;
	}
}

test('real snapshots of Node 20 to 26: the graph two threads read is the one thread reads', (t) => {
	const dir = tempDir(t);
	for (const version of [20, 22, 24, 26]) {
		const file = path.join(dir, `node${version}.heapsnapshot`);
		fs.writeFileSync(file, zlib.brotliDecompressSync(fs.readFileSync(new URL(`../fixtures/snapshots/node${version}.heapsnapshot.br`, import.meta.url))));
		let furthest = 0;
		const two = readSnapshot(file, (done) => (furthest = Math.max(furthest, done)), TWO_THREADS);
		assert.deepEqual(plain(two), plain(readSnapshot(file, undefined, ONE_THREAD)), `node ${version}`);
		assert.ok(two.edgeType.buffer instanceof SharedArrayBuffer, `node ${version}: the edges were read by the second thread`);
		assert.equal(furthest, fs.statSync(file).size, 'progress reaches the end');
	}
});

test('a broken edge or a file cut inside "edges": the error one thread gives', (t) => {
	const dir = tempDir(t);
	const nodes = Array.from({ length: 3000 }, (_, i) => ({ name: i === 0 ? '' : `Thing#${i}`, self: 16 }));
	const edges = nodes.slice(1).map((n) => ({ from: '', to: n.name, name: 'x' }));
	const text = snapshotText(nodes, edges);
	const bad = path.join(dir, 'bad-edge.heapsnapshot');
	const edgesAt = text.indexOf('"edges":[');
	fs.writeFileSync(bad, text.slice(0, edgesAt) + text.slice(edgesAt).replace(',7,', ',8,')); // to_node 8: not a node's first field
	const cut = path.join(dir, 'cut.heapsnapshot');
	fs.writeFileSync(cut, text.slice(0, edgesAt + 9000));
	for (const file of [bad, cut]) {
		const one = errorOf(() => readSnapshot(file, undefined, ONE_THREAD));
		assert.ok(one, `${path.basename(file)} is refused`);
		// "near byte N" names where the chunk being read began: the two readers' chunks begin at different bytes.
		const near = (message: string | undefined) => message?.replace(/near byte \d+/, 'near byte N');
		assert.equal(near(errorOf(() => readSnapshot(file, undefined, TWO_THREADS))), near(one));
	}
});

test('"edges" found where no key can be (inside another section): read by one thread, the same graph', (t) => {
	const dir = tempDir(t);
	const nodes = Array.from({ length: 3000 }, (_, i) => ({ name: i === 0 ? '' : `Thing#${i}`, self: 16 }));
	const edges = nodes.slice(1).map((n) => ({ from: '', to: n.name, name: 'x' }));
	const text = snapshotText(nodes, edges).replace(',\n"edges":[', ',\n"extra":{"edges":[1,2]},\n"edges":[');
	const file = path.join(dir, 'extra.heapsnapshot');
	fs.writeFileSync(file, text);
	const two = readSnapshot(file, undefined, TWO_THREADS);
	assert.deepEqual(plain(two), plain(readSnapshot(file, undefined, ONE_THREAD)));
	assert.ok(!(two.edgeType.buffer instanceof SharedArrayBuffer), 'the key inside "extra" was not taken for the edges');
});
