import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseText, snapshotText, type NodeSpec } from '../../helpers/heap-graph.js';
import { className, edgeLabel } from '../../../source/model/heap-snapshot/graph.js';
import { SnapshotFormatError } from '../../../source/errors.js';

const nodes: NodeSpec[] = [
	{ name: '', type: 'synthetic', self: 0 },
	{ name: 'Säule "quoted" \\ back', self: 48, id: 7 },
	{ name: 'secret value', type: 'string', self: 32, id: 9 },
	{ name: 'big', type: 'native', self: 5_000_000_000, id: 11 },
];
const text = snapshotText(nodes, [
	{ from: '', to: 'Säule "quoted" \\ back', name: 'weird key' },
	{ from: 'Säule "quoted" \\ back', to: 'secret value', type: 'element', name: 3 },
	{ from: 'Säule "quoted" \\ back', to: 'big', type: 'internal', name: 'store' },
]);

test('parses nodes, edges and strings into columns, in chunks of any size', () => {
	for (const chunk of [1, 2, 3, 7, 64, 1 << 20]) {
		const graph = parseText(text, chunk);
		assert.equal(graph.nodeCount, 4, `chunk ${chunk}`);
		assert.equal(graph.edgeCount, 3);
		assert.deepEqual([...graph.nodeId.toArray()], [1, 7, 9, 11]);
		assert.deepEqual([...graph.nodeSelf], [0, 48, 32, 5_000_000_000], 'a size over 32 bits survives');
		assert.deepEqual([...graph.firstEdge], [0, 1, 3, 3, 3]);
		assert.deepEqual([...graph.edgeTo], [1, 2, 3]);
		assert.equal(className(graph, 1), 'Säule "quoted" \\ back', 'escapes and non-ASCII decoded');
		assert.equal(className(graph, 2), '(string)');
		assert.equal(edgeLabel(graph, 0), '["weird key"]');
		assert.equal(edgeLabel(graph, 1), '[3]');
		assert.equal(edgeLabel(graph, 2), '{store}');
	}
});

test('string values are not kept: only names the analysis shows', () => {
	const graph = parseText(text);
	assert.equal(graph.strings.indexOf('secret value'), -1);
	assert.ok(graph.strings.indexOf('store') >= 0);
});

test('bad input: each gives a SnapshotFormatError that says what is wrong', () => {
	const cases: [string, RegExp][] = [
		['', /ends early/],
		['hello', /does not start with "\{"/],
		['{"a": 1, "b": [1, {"c": "]"}]}', /no "snapshot" header/],
		['{"snapshot": {"node_count": 1}}', /has no "meta"/],
		[text.replace('"node_fields":["type",', '"node_fields":["kind",'), /no "type" field/],
		[text.replace('"node_count":4', '"node_count":5'), /"nodes" holds 4 nodes but the header says 5/],
		[text.replace('"edge_count":3', '"edge_count":2'), /more than the 2 edges/],
		[text.slice(0, text.indexOf('"edges"') + 20), /truncated/],
		[text.slice(0, -10), /truncated/],
		[text.replace(/"edges":\[\d+,\d+,\d+/, '"edges":[2,0,5'), /points at 5, which is not a node/],
		[text.replace('"nodes":[', '"nodes":[x'), /unexpected "x" in "nodes"/],
		[text.replace(/"strings":\[.*\]\}$/s, '"strings":[]}'), /names string \d+, but there are 0 strings/],
	];
	for (const [input, message] of cases) {
		assert.throws(() => parseText(input, 5), (error: Error) => error instanceof SnapshotFormatError && message.test(error.message), `${message}`);
	}
});

test('sections memtop does not use are skipped, nested values and strings included', () => {
	const extended = text.replace('"trace_tree":[]', '"trace_tree":[1,[2,[3,"x]"]]],"future":{"a":[1,2,{"b":"}"}]},"flag":true');
	const graph = parseText(extended, 3);
	assert.equal(graph.nodeCount, 4);
});
