import { test } from 'node:test';
import assert from 'node:assert/strict';
import { buildGraph, ordinal, randomEdges, seeded, type EdgeSpec, type NodeSpec } from '../../helpers/heap-graph.js';
import { essentialEdges } from '../../../source/model/heap-snapshot/essential-edges.js';
import { dominators } from '../../../source/model/heap-snapshot/dominators.js';
import { classify, summarize } from '../../../source/model/heap-snapshot/summary.js';
import { census, diffCensus } from '../../../source/model/heap-snapshot/diff.js';
import { formatPath, retainersOf } from '../../../source/model/heap-snapshot/retainers.js';
import { probeObjects } from '../../../source/model/heap-snapshot/probe-objects.js';

const analyse = (nodes: NodeSpec[], edges: EdgeSpec[]) => {
	const graph = buildGraph(nodes, edges);
	const doms = dominators(graph, essentialEdges(graph));
	const classes = classify(graph);
	return { graph, doms, classes, summary: summarize(graph, doms, classes) };
};
const root: NodeSpec = { name: '', type: 'synthetic', self: 0 };

test('summary: objects by constructor, the rest by type; size-0 nodes left out; sorted by retained size', () => {
	const nodes: NodeSpec[] = [root, { name: 'Session#1', self: 40 }, { name: 'Session#2', self: 40 }, { name: 's', type: 'string', self: 1000 },
		{ name: 'f', type: 'closure', self: 32 }, { name: 'code', type: 'code', self: 200 }, { name: 'sys', type: 'hidden', self: 8 }, { name: 'Empty', self: 0 }];
	const { summary } = analyse(nodes, [
		{ from: '', to: 'Session#1' }, { from: '', to: 'Session#2' }, { from: 'Session#1', to: 's' }, { from: '', to: 'f' },
		{ from: 'f', to: 'code', type: 'internal' }, { from: '', to: 'sys', type: 'element', name: 1 }, { from: '', to: 'Empty' },
	]);
	assert.deepEqual(summary.constructors.map((c) => [c.name, c.count, c.selfSize, c.retainedSize]), [
		['Session', 2, 80, 1080],
		['(string)', 1, 1000, 1000],
		['(closure)', 1, 32, 232],
		['(compiled code)', 1, 200, 200],
		['(system)', 1, 8, 8],
	]);
	assert.equal(summary.totalSize, 1320);
});

test('a class retained size counts nested instances once (a linked list is its head)', () => {
	const nodes: NodeSpec[] = [root, { name: 'Node#1', self: 10 }, { name: 'Node#2', self: 10 }, { name: 'Node#3', self: 10 }, { name: 'v', type: 'string', self: 5 }];
	const { summary } = analyse(nodes, [{ from: '', to: 'Node#1' }, { from: 'Node#1', to: 'Node#2' }, { from: 'Node#2', to: 'Node#3' }, { from: 'Node#3', to: 'v' }]);
	assert.equal(summary.constructors.find((c) => c.name === 'Node')?.retainedSize, 35);
});

test('random graphs: a class retains what its instances with no instance of the class above them retain', () => {
	const random = seeded(777);
	for (let round = 0; round < 200; round++) {
		const n = 2 + Math.floor(random() * 30);
		const edges = randomEdges(random, n, 1);
		// Three classes, some instances of size 0 (left out, and no cover for the instances below them).
		const nodes = [root, ...Array.from({ length: n - 1 }, (_, i) => ({ name: `${'ABC'[Math.floor(random() * 3)]}#${i + 1}`, self: Math.floor(random() * 3) * 8 }))];
		const { graph, doms, summary } = analyse(nodes, edges.map(([a, b]) => ({ from: nodes[a].name, to: nodes[b].name, name: `e${a}_${b}` })));
		const classOf = (node: number) => nodes[node].name.split('#')[0];
		const expected = new Map<string, number>();
		for (let node = 1; node < n; node++) {
			if (graph.nodeSelf[node] === 0) continue;
			let above = doms.idom[node];
			while (above !== graph.root && !(classOf(above) === classOf(node) && graph.nodeSelf[above] > 0)) above = doms.idom[above];
			if (above === graph.root) expected.set(classOf(node), (expected.get(classOf(node)) ?? 0) + doms.retained[node]);
		}
		const got = new Map(summary.constructors.map((c) => [c.name, c.retainedSize]));
		assert.deepEqual(new Map([...got].filter(([name]) => expected.has(name))), expected, `round ${round}: ${JSON.stringify(edges)}`);
		assert.equal(got.size, expected.size, `round ${round}: no other class`);
	}
});

test('diff: objects matched by id; added, removed and deltas per constructor; new classes marked', () => {
	const base = analyse([root, { name: 'A#1', id: 3, self: 10 }, { name: 'A#2', id: 5, self: 10 }, { name: 'Gone', id: 7, self: 4 }],
		[{ from: '', to: 'A#1' }, { from: '', to: 'A#2' }, { from: '', to: 'Gone' }]);
	const next = analyse([root, { name: 'A#2', id: 5, self: 10 }, { name: 'A#3', id: 9, self: 10 }, { name: 'A#4', id: 11, self: 10 }, { name: 'Fresh', id: 13, self: 50 }],
		[{ from: '', to: 'A#2' }, { from: '', to: 'A#3' }, { from: '', to: 'A#4' }, { from: '', to: 'Fresh' }]);
	const { rows, matchedById } = diffCensus(census(base.graph, base.classes), census(next.graph, next.classes));
	assert.equal(matchedById, true);
	assert.deepEqual(rows.map((r) => [r.name, r.added, r.removed, r.countDelta, r.sizeDelta, r.isNew]), [
		['Fresh', 1, 0, 1, 50, true],
		['A', 2, 1, 1, 10, false],
		['Gone', 0, 1, -1, -4, false],
	]);
});

test('retainers: the largest instances, each with its shortest path from the global object', () => {
	const nodes: NodeSpec[] = [root, { name: 'global' }, { name: '(GC roots)', type: 'synthetic', self: 0 }, { name: 'Object' },
		{ name: 'Map' }, { name: 'Session#small', self: 10 }, { name: 'Session#big', self: 10 }, { name: 'payload', type: 'string', self: 900 }];
	const a = analyse(nodes, [
		{ from: '', to: '(GC roots)', type: 'element', name: 1 }, { from: '', to: 'global', type: 'shortcut' },
		{ from: '(GC roots)', to: 'Session#big', type: 'element', name: 4 },
		{ from: 'global', to: 'Object', name: 'keep' }, { from: 'Object', to: 'Map', name: 'sessions' },
		{ from: 'Map', to: 'Session#small', type: 'element', name: 0 }, { from: 'Map', to: 'Session#big', type: 'element', name: 1 },
		{ from: 'Session#big', to: 'payload', name: 'data' },
	]);
	const found = retainersOf(a.graph, a.doms, a.classes, 'Session', 5);
	assert.deepEqual(found.instances.map((i) => i.retainedSize), [910, 10]);
	assert.equal(formatPath(found.instances[0].path), `global.keep → Object.sessions → Map[1] → Session @${a.graph.nodeId.get(ordinal(nodes, "Session#big"))}`);
	assert.deepEqual(retainersOf(a.graph, a.doms, a.classes, 'Nope', 5).instances, []);
});

test('diff: snapshots whose ids name different objects (two inspector sessions) fall back to per-class deltas', () => {
	const base = analyse([root, { name: 'A#1', id: 3, self: 10 }, { name: 'B#1', id: 5, self: 20 }, { name: 'B#2', id: 7, self: 20 }], [{ from: '', to: 'A#1' }, { from: '', to: 'B#1' }, { from: '', to: 'B#2' }]);
	const next = analyse([root, { name: 'B#1', id: 3, self: 20 }, { name: 'A#1', id: 5, self: 10 }, { name: 'A#2', id: 7, self: 10 }], [{ from: '', to: 'B#1' }, { from: '', to: 'A#1' }, { from: '', to: 'A#2' }]);
	const { rows, matchedById } = diffCensus(census(base.graph, base.classes), census(next.graph, next.classes));
	assert.equal(matchedById, false);
	assert.deepEqual(rows, [{ name: 'A', countDelta: 1, sizeDelta: 10, isNew: false }, { name: 'B', countDelta: -1, sizeDelta: -20, isNew: false }]);
});

test('V8 14 shapes: the root leads to a labelled realm holding the global; memtop\'s probe objects are a row of their own', () => {
	const nodes: NodeSpec[] = [root, { name: 'system / NativeContext / ', type: 'hidden', self: 2400 }, { name: 'global (global*) / ', self: 48 },
		{ name: 'Map', self: 32 }, { name: 'Session#1', self: 48 }, { name: 'Session#2', self: 48 },
		{ name: 'Object#probe', self: 40 }, { name: 'read', type: 'closure', self: 56 }, { name: 'bare', type: 'closure', self: 56 },
		{ name: 'system / Context', self: 80 }, { name: 'ELDHistogram', self: 120 }, { name: 'Node / IntervalHistogram', type: 'native', self: 360_000 }];
	const { graph, doms } = analyse(nodes, [
		{ from: '', to: 'system / NativeContext / ', type: 'shortcut', name: 2 },
		{ from: 'system / NativeContext / ', to: 'global (global*) / ', type: 'internal', name: 'global_object' },
		{ from: 'global (global*) / ', to: 'Map', name: 'keep' }, { from: 'Map', to: 'Session#1', type: 'internal', name: 'a' }, { from: 'Map', to: 'Session#2', type: 'internal', name: 'b' },
		{ from: 'global (global*) / ', to: 'Object#probe', name: '<symbol memtop.probe.1f2e3d>' },
		{ from: 'Object#probe', to: 'read', name: 'read' }, { from: 'Object#probe', to: 'bare', name: 'bare' },
		{ from: 'read', to: 'system / Context', type: 'internal', name: 'context' }, { from: 'bare', to: 'system / NativeContext / ', type: 'internal', name: 'context' },
		{ from: 'system / Context', to: 'ELDHistogram', type: 'context', name: 'loopDelay' }, { from: 'ELDHistogram', to: 'Node / IntervalHistogram', type: 'internal', name: 'native' },
	]);
	const classes = classify(graph, [], probeObjects(graph, doms));
	const summary = summarize(graph, doms, classes);
	const row = (name: string) => summary.constructors.find((c) => c.name === name);
	assert.deepEqual(row("(memtop's probe)"), { name: "(memtop's probe)", count: 6, selfSize: 40 + 56 + 56 + 80 + 120 + 360_000, retainedSize: 40 + 56 + 56 + 80 + 120 + 360_000 });
	assert.equal(row('system / NativeContext')?.retainedSize, summary.totalSize, 'the realm is a row of its own, not (system)');
	assert.equal(row('(system)'), undefined);
	assert.deepEqual(row('global (global*)'), { name: 'global (global*)', count: 1, selfSize: 48, retainedSize: summary.totalSize - 2400 });
	assert.equal(row('ELDHistogram'), undefined);
	const [session] = retainersOf(graph, doms, classes, 'Session', 1).instances;
	assert.equal(formatPath(session.path).replace(/@\d+/, '@N'), 'global (global*).keep → Map{a} → Session @N');
});
