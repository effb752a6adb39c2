// Node ids kept as runs of +2: every id read back as pushed, whatever the numbering.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { NodeIds } from '../../../source/model/heap-snapshot/node-ids.js';

const filled = (ids: number[]) => {
	const column = new NodeIds(ids.length);
	ids.forEach((id, index) => column.push(index, id));
	return column;
};

test('V8\'s numbering (+2, with a few jumps) reads back exactly, in runs', () => {
	const ids = Array.from({ length: 5000 }, (_, i) => 1 + 2 * i + (i >= 1200 ? 640 : 0) - (i >= 3000 ? 5000 : 0) + (i === 4999 ? 7 : 0));
	const column = filled(ids);
	assert.deepEqual([...column.toArray()], ids);
	assert.deepEqual(ids.map((_, i) => column.get(i)), ids);
	assert.ok(JSON.stringify(column).length < 2000, 'a few runs, not an id a node');
});

test('ids in no order fall back to a plain array part way, and still read back exactly', () => {
	let seed = 7;
	const random = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31);
	const ids = Array.from({ length: 4000 }, (_, i) => (i < 100 ? 1 + 2 * i : random()));
	const column = filled(ids);
	assert.deepEqual([...column.toArray()], ids);
	assert.deepEqual(ids.map((_, i) => column.get(i)), ids);
});

test('no nodes, one node, and the largest 32-bit id', () => {
	assert.deepEqual([...filled([]).toArray()], []);
	assert.equal(filled([4294967295]).get(0), 4294967295);
	assert.deepEqual([...filled([3, 5, 4294967293, 4294967295]).toArray()], [3, 5, 4294967293, 4294967295]);
});
