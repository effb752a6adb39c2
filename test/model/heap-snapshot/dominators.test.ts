import { test } from 'node:test';
import assert from 'node:assert/strict';
import { buildGraph, ordinal, randomEdges, seeded, type EdgeSpec, type NodeSpec } from '../../helpers/heap-graph.js';
import { essentialEdges } from '../../../source/model/heap-snapshot/essential-edges.js';
import { dominators } from '../../../source/model/heap-snapshot/dominators.js';

const analyse = (nodes: NodeSpec[], edges: EdgeSpec[]) => {
	const graph = buildGraph(nodes, edges);
	const doms = dominators(graph, essentialEdges(graph));
	const idomOf = (name: string) => nodes[doms.idom[ordinal(nodes, name)]].name;
	const retainedOf = (name: string) => doms.retained[ordinal(nodes, name)];
	return { graph, doms, idomOf, retainedOf };
};
const root: NodeSpec = { name: 'R', type: 'synthetic', self: 0 };

test('the Lengauer-Tarjan paper graph gets its published immediate dominators', () => {
	const names = 'ABCDEFGHIJKL'.split('');
	const nodes = [root, ...names.map((name) => ({ name }))];
	const pairs = 'RA RB RC AD BA BD BE CF CG DL EH FI GI GJ HE HK IK JI KI KR LH'.split(' ');
	const { idomOf } = analyse(nodes, pairs.map((p) => ({ from: p[0], to: p[1] })));
	const expected = { A: 'R', B: 'R', C: 'R', D: 'R', E: 'R', F: 'C', G: 'C', H: 'R', I: 'R', J: 'G', K: 'R', L: 'D' };
	for (const [node, idom] of Object.entries(expected)) assert.equal(idomOf(node), idom, `idom(${node})`);
});

/** Dominators by definition: d dominates w when removing d cuts w off from the root. */
function bruteIdoms(n: number, edges: [number, number][]): number[] {
	const reach = (without: number) => {
		const seen = new Set<number>(without === 0 ? [] : [0]);
		const queue = without === 0 ? [] : [0];
		while (queue.length) {
			const v = queue.pop()!;
			for (const [a, b] of edges) if (a === v && b !== without && !seen.has(b)) (seen.add(b), queue.push(b));
		}
		return seen;
	};
	const doms = Array.from({ length: n }, (_, w) => [...Array(n).keys()].filter((d) => d !== w && !reach(d).has(w)));
	return doms.map((ds, w) => (w === 0 ? 0 : ds.reduce((best, d) => (doms[d].length > doms[best].length ? d : best), 0)));
}

test('random graphs: the same immediate dominators as the definition', () => {
	const random = seeded(12345);
	for (let round = 0; round < 300; round++) {
		const n = 2 + Math.floor(random() * 25);
		const edges = randomEdges(random, n, 2);
		const nodes = [root, ...Array.from({ length: n - 1 }, (_, i) => ({ name: `N${i + 1}` }))];
		const { doms } = analyse(nodes, edges.map(([a, b]) => ({ from: nodes[a].name, to: nodes[b].name, name: `e${a}_${b}` })));
		assert.deepEqual([...doms.idom], bruteIdoms(n, edges), `round ${round}: ${JSON.stringify(edges)}`);
	}
});

test('retained size: own size plus everything dominated, each byte once', () => {
	const nodes = [root, { name: 'A', self: 100 }, { name: 'B', self: 20 }, { name: 'C', self: 3 }, { name: 'D', self: 4000 }];
	const { retainedOf, idomOf } = analyse(nodes, [
		{ from: 'R', to: 'A' }, { from: 'A', to: 'B' }, { from: 'A', to: 'C' }, { from: 'B', to: 'D' }, { from: 'C', to: 'D' },
	]);
	assert.equal(idomOf('D'), 'A');
	assert.equal(retainedOf('B'), 20);
	assert.equal(retainedOf('A'), 4123);
	assert.equal(retainedOf('R'), 4123);
});

test('retained sizes past 4 GiB are exact (32 bits hold them only below that)', () => {
	// Each self size fits 32 bits; their sums do not.
	const nodes = [root, { name: 'A', self: 3e9 }, { name: 'B', self: 3e9 }, { name: 'C', self: 4e9 }];
	const { retainedOf } = analyse(nodes, [{ from: 'R', to: 'A' }, { from: 'A', to: 'B' }, { from: 'B', to: 'C' }]);
	assert.equal(retainedOf('B'), 7e9);
	assert.equal(retainedOf('A'), 10e9);
	assert.equal(retainedOf('R'), 10e9);
	assert.equal(analyse(nodes.slice(0, 3), [{ from: 'R', to: 'A' }, { from: 'A', to: 'B' }]).retainedOf('R'), 6e9);
});

test('weak edges keep nothing alive; a node only weak edges reach hangs off the root', () => {
	const nodes = [root, { name: 'A', self: 1 }, { name: 'B', self: 1 }, { name: 'T', self: 50 }, { name: 'W', self: 7 }, { name: 'X', self: 5 }];
	const { idomOf, retainedOf } = analyse(nodes, [
		{ from: 'R', to: 'A' }, { from: 'R', to: 'B' }, { from: 'A', to: 'T' }, { from: 'B', to: 'T', type: 'weak' },
		{ from: 'A', to: 'W', type: 'weak' }, { from: 'W', to: 'X' },
	]);
	assert.equal(idomOf('T'), 'A', 'the weak edge from B does not share T');
	assert.equal(retainedOf('A'), 51);
	assert.equal(idomOf('W'), 'R');
	assert.equal(idomOf('X'), 'W');
	assert.equal(retainedOf('W'), 12);
});

test('shortcut edges count only from the root', () => {
	const nodes = [root, { name: 'A' }, { name: 'B' }, { name: 'T', self: 30 }];
	const { idomOf } = analyse(nodes, [{ from: 'R', to: 'A' }, { from: 'R', to: 'B' }, { from: 'A', to: 'T' }, { from: 'B', to: 'T', type: 'shortcut' }]);
	assert.equal(idomOf('T'), 'A');
});

test('a WeakMap value is retained by its key, not by the table', () => {
	const nodes = [root, { name: 'Map', id: 101 }, { name: 'table', type: 'array', id: 103 }, { name: 'Key', id: 105 }, { name: 'Value', id: 107, self: 64 }];
	const entry = '2 / part of key (Key @105) -> value (Value @107) pair in WeakMap (table @103)';
	const { idomOf, retainedOf } = analyse(nodes, [
		{ from: 'R', to: 'Map' }, { from: 'R', to: 'Key' }, { from: 'Map', to: 'table', type: 'internal', name: 'table' },
		{ from: 'table', to: 'Value', type: 'internal', name: entry }, { from: 'Key', to: 'Value', type: 'internal', name: entry },
	]);
	assert.equal(idomOf('Value'), 'Key');
	assert.equal(retainedOf('Key'), 10 + 64);
});

test('objects the page owns are not shared with what only the VM holds', () => {
	// R -shortcut-> global (the page) -> V, and R -> (GC roots) -> handle -> V: DevTools ignores the handle's edge.
	const nodes = [root, { name: 'global' }, { name: '(GC roots)', type: 'synthetic', self: 0 }, { name: 'handle', type: 'hidden' }, { name: 'V', self: 99 }];
	const { idomOf } = analyse(nodes, [
		{ from: 'R', to: 'global', type: 'shortcut' }, { from: 'R', to: '(GC roots)', type: 'element', name: 1 },
		{ from: '(GC roots)', to: 'handle', type: 'element', name: 1 }, { from: 'handle', to: 'V', type: 'internal', name: 'h' },
		{ from: 'global', to: 'V' },
	]);
	assert.equal(idomOf('V'), 'global');
});
