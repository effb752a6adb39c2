// A big snapshot's edges are read by a second thread while this one reads the nodes: the graph is the one a
// single thread reads, byte for byte, and a broken file gives the same error. Small chunks and no size floor make
// these small files take the two-thread path.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import { spawn } from 'node:child_process';
import { readSnapshot } from '../../source/analysis/read-snapshot.js';
import type { HeapGraph } from '../../source/model/heap-snapshot/graph.js';
import { snapshotText } from '../helpers/heap-graph.js';
import { SnapshotParser } from '../../source/model/heap-snapshot/parser.js';
import { edgeSplit } from '../../source/analysis/edge-split.js';

const TWO_THREADS = { parallelFrom: 0, chunkBytes: 4096 };
const ONE_THREAD = { parallelFrom: Infinity, chunkBytes: 4096 };

/** Every column and string as plain values, to compare two graphs (not the memory the parse is done with). */
const plain = (graph: HeapGraph) =>
	Object.fromEntries(Object.entries(graph).filter(([key]) => key !== 'scratch').map(([key, value]) => [key, ArrayBuffer.isView(value) ? Array.from(value as Uint32Array) : value]));

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

test('an edge naming a string the file lacks, or cannot hold: the second thread marks the names, the error is one thread\'s', (t) => {
	const dir = tempDir(t);
	const nodes = Array.from({ length: 3000 }, (_, i) => ({ name: i === 0 ? '' : `Thing#${i}`, self: 16 }));
	const text = snapshotText(nodes, nodes.slice(1).map((n) => ({ from: '', to: n.name, name: 'x' })));
	const strings = (text.slice(text.indexOf('"strings"')).match(/\n/g) ?? []).length + 1;
	const cases = { missing: strings, 'past the room': 99_999_999 };
	for (const [label, name] of Object.entries(cases)) {
		const file = path.join(dir, `${label}.heapsnapshot`);
		fs.writeFileSync(file, text.replace('"edges":[2,2,', `"edges":[2,${name},`));
		const one = errorOf(() => readSnapshot(file, undefined, ONE_THREAD));
		assert.match(one ?? '', label === 'missing' ? new RegExp(`edge 0 names string ${name}, but there are ${strings} strings`) : /names string 99999999, but the rest of the file has room for \d+ strings at most/);
		// The room is reckoned from where the chunk being read began, as "near byte N" is: chunks differ.
		const room = (message: string | undefined) => message?.replace(/room for \d+/, 'room for N');
		assert.equal(room(errorOf(() => readSnapshot(file, undefined, TWO_THREADS))), room(one), label);
	}
	// A broken string after the second thread was set to work on the names: stopped, and one thread's error.
	const file = path.join(dir, 'broken-string.heapsnapshot');
	fs.writeFileSync(file, text.replace('"strings":["",', '"strings":["",x'));
	const one = errorOf(() => readSnapshot(file, undefined, ONE_THREAD));
	assert.match(one ?? '', /expected a string in "strings", found "x"/);
	assert.equal(errorOf(() => readSnapshot(file, undefined, TWO_THREADS))?.replace(/near byte \d+/, ''), one?.replace(/near byte \d+/, ''));
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

/** A snapshot laid out as V8 writes it, one node and one edge per line ("\n," between rows), big enough to split. */
function v8Layout(count: number): string {
	const nodes = Array.from({ length: count }, (_, i) => ({ name: i === 0 ? '' : `Thing#${i}`, self: 16 + (i % 7) }));
	const edges = nodes.slice(1).flatMap((n, i) => [
		{ from: '', to: n.name, type: 'element', name: i },
		{ from: n.name, to: nodes[1 + ((i * 7919) % (count - 1))].name, type: i % 3 ? 'property' : 'internal', name: i % 3 ? 'next' : 'map' },
		{ from: n.name, to: nodes[1 + ((i * 104729) % (count - 1))].name, type: 'hidden', name: i % 11 },
	]);
	let text = snapshotText(nodes, edges);
	for (const [section, fields] of [['nodes', 7], ['edges', 3]] as const) {
		text = text.replace(new RegExp(`"${section}":\\[([\\d,]*)\\]`), (_, numbers: string) => {
			const all = numbers.split(',');
			const lines = Array.from({ length: all.length / fields }, (_, r) => all.slice(r * fields, (r + 1) * fields).join(','));
			return `"${section}":[${lines.join('\n,')}]`;
		});
	}
	return text;
}

/** Where a file's edges would be split between the threads (-1: not split), as readSnapshot asks. */
function splitOf(file: string): number {
	const text = fs.readFileSync(file, 'latin1');
	const parser = new SnapshotParser();
	parser.push(Buffer.from(text.slice(0, text.indexOf('"nodes":[')), 'latin1'));
	const fd = fs.openSync(file, 'r');
	try {
		const start = text.indexOf('"edges":[') + '"edges":['.length;
		return edgeSplit(fd, parser.header!, start, start - text.indexOf('"nodes":['));
	} finally {
		fs.closeSync(fd);
	}
}

test('the edges split between the threads: the second part, stored from the end, is turned round; the one-thread graph', (t) => {
	const file = path.join(tempDir(t), 'v8-layout.heapsnapshot');
	const text = v8Layout(20_000);
	fs.writeFileSync(file, text);
	const split = splitOf(file);
	const edgesAt = text.indexOf('"edges":[');
	assert.ok(split > edgesAt && split < text.indexOf(']', edgesAt), `split inside the edges: ${split}`);
	assert.equal(text.slice(split - 1, split + 1), '\n,', 'just after a newline, where a row starts');
	const two = readSnapshot(file, undefined, TWO_THREADS);
	assert.deepEqual(plain(two), plain(readSnapshot(file, undefined, ONE_THREAD)));
	assert.ok(two.edgeType.buffer instanceof SharedArrayBuffer, 'the threads met: their arrays are the graph');
});

test('split edges, broken on either side of the split, cut short, or a row across the split: the one-thread graph or error', (t) => {
	const dir = tempDir(t);
	const text = v8Layout(20_000);
	const edgesAt = text.indexOf('"edges":[');
	const edgesEnd = text.indexOf(']', edgesAt);
	const at = (share: number) => text.indexOf('\n,', edgesAt + Math.floor((edgesEnd - edgesAt) * share)) + 2;
	const original = path.join(dir, 'original.heapsnapshot');
	fs.writeFileSync(original, text);
	const split = splitOf(original);
	const zeroFrom = text.indexOf('\n,', split - 3000) + 2;
	const files = {
		// to_node 8: not a node's first field, in the worker's part and in this thread's part.
		'bad-early': text.slice(0, at(0.1)) + text.slice(at(0.1)).replace(/^(\d+,\d+,)\d+/, '$18'),
		'bad-late': text.slice(0, at(0.95)) + text.slice(at(0.95)).replace(/^(\d+,\d+,)\d+/, '$18'),
		cut: text.slice(0, at(0.97)),
		// One number too many, in rows of zeros (valid however they are read) up to the split: the worker stops
		// inside a row, where the rest begins a line. Only the rows' count tells: one thread reads past the zeros.
		shifted: text.slice(0, zeroFrom) + '0,' + text.slice(zeroFrom, split).replace(/\d+/g, '0') + text.slice(split),
		// A row broken over two lines: still valid, the same edges.
		'row-over-lines': text.slice(0, at(0.5)) + text.slice(at(0.5)).replace(/^(\d+,\d+),/, '$1\n,'),
	};
	const near = (message: string | undefined) => message?.replace(/near byte \d+/, 'near byte N');
	for (const [name, content] of Object.entries(files)) {
		const file = path.join(dir, `${name}.heapsnapshot`);
		fs.writeFileSync(file, content);
		const one = errorOf(() => readSnapshot(file, undefined, ONE_THREAD));
		assert.equal(near(errorOf(() => readSnapshot(file, undefined, TWO_THREADS))), near(one), name);
		if (name === 'row-over-lines') {
			assert.equal(one, undefined);
			assert.deepEqual(plain(readSnapshot(file, undefined, TWO_THREADS)), plain(readSnapshot(file, undefined, ONE_THREAD)));
		} else assert.ok(one, `${name} is refused`);
	}
});

test('edges not one per line (a pretty-printer\'s layout) are not split, and read the same', (t) => {
	const file = path.join(tempDir(t), 'pretty.heapsnapshot');
	fs.writeFileSync(file, v8Layout(20_000).replace(/,\n?,?/g, (sep) => (sep === ',' ? ',\n' : sep)));
	assert.equal(splitOf(file), -1);
	assert.deepEqual(plain(readSnapshot(file, undefined, TWO_THREADS)), plain(readSnapshot(file, undefined, ONE_THREAD)));
});

test('the built reader starts its worker from a parent run with --input-type=module (whose flag the worker inherits)', async (t) => {
	const dir = tempDir(t);
	const file = path.join(dir, 'node24.heapsnapshot');
	fs.writeFileSync(file, zlib.brotliDecompressSync(fs.readFileSync(new URL('../fixtures/snapshots/node24.heapsnapshot.br', import.meta.url))));
	const reader = new URL('../../dist/analysis/read-snapshot.js', import.meta.url).href;
	const script = `const { readSnapshot } = await import(${JSON.stringify(reader)}); const g = readSnapshot(${JSON.stringify(file)}, undefined, { parallelFrom: 0, chunkBytes: 4096 }); console.log(g.nodeCount, g.edgeType.buffer instanceof SharedArrayBuffer);`;
	const child = spawn(process.execPath, ['--input-type=module', '-e', script], { stdio: ['ignore', 'pipe', 'pipe'] });
	t.after(() => child.kill('SIGKILL'));
	let out = '';
	let err = '';
	child.stdout.setEncoding('utf8').on('data', (chunk: string) => (out += chunk));
	child.stderr.setEncoding('utf8').on('data', (chunk: string) => (err += chunk));
	const code = await new Promise((resolve) => child.on('close', resolve));
	assert.equal(code, 0, err);
	assert.equal(out.trim(), `${readSnapshot(file, undefined, ONE_THREAD).nodeCount} true`, 'read, and by two threads');
});
