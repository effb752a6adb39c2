// Edge names in a byte each: every name read back as it was, in edge order and at random, and tests of them.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { EdgeNames } from '../../../source/model/heap-snapshot/edge-names.js';

test('common names as codes, the others looked up: every name back, in order, backwards and at random', () => {
	let seed = 99;
	const random = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
	// 300 common names (more than fit in codes), a long tail of rare ones, and indexes past the counted range.
	const names = Uint32Array.from({ length: 50_000 }, (_, i) => {
		const r = random();
		if (r < 0.8) return Math.floor(random() * 300);
		if (r < 0.98) return 1000 + Math.floor(random() * 100_000);
		return 2 ** 22 + Math.floor(random() * 2 ** 30);
	});
	const expected = Array.from(names);
	const encoded = EdgeNames.encode(names, names.length);
	names.fill(0); // the caller may reuse the array: the encoding holds its own copy
	assert.equal(encoded.length, expected.length);
	assert.deepEqual(expected.map((_, edge) => encoded.get(edge)), expected, 'in edge order');
	assert.deepEqual(expected.map((_, edge) => encoded.get(expected.length - 1 - edge)), [...expected].reverse(), 'backwards');
	for (let k = 0; k < 5000; k++) {
		const edge = Math.floor(random() * expected.length);
		assert.equal(encoded.get(edge), expected[edge], `edge ${edge}`);
	}
	// A test of the names, asked once per common name and for each other edge: the same answer as on every name.
	const asked: number[] = [];
	const odd = (name: number) => (asked.push(name), name % 2 === 1);
	const matches = encoded.matcher(odd);
	const commonAsks = asked.length;
	assert.ok(commonAsks > 0 && commonAsks <= 255, `asked once per common name (${commonAsks})`);
	assert.deepEqual(expected.map((_, edge) => matches(edge)), expected.map((name) => name % 2 === 1));
	assert.ok(asked.length - commonAsks < expected.length * 0.3, 'edges with a common name are not asked about');
});

test('no edges, one name, and only names past the counted range', () => {
	assert.equal(EdgeNames.encode(new Uint32Array(0), 0).length, 0);
	const one = EdgeNames.encode(Uint32Array.of(7, 7, 7), 3);
	assert.deepEqual([0, 1, 2].map((e) => one.get(e)), [7, 7, 7]);
	const far = EdgeNames.encode(Uint32Array.of(4294967295, 2 ** 23, 4294967295), 3);
	assert.deepEqual([2, 0, 1].map((e) => far.get(e)), [4294967295, 4294967295, 2 ** 23]);
});
