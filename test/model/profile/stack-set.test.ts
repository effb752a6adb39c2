import { test } from 'node:test';
import assert from 'node:assert/strict';
import { topOfProfile } from '../../../source/model/profile/from-sampling.js';
import { FrameTable, addProfile, newStackSet, nothingAdded, prune, stacksOf, takeOut, topOfSet, type ViewOptions } from '../../../source/model/profile/stack-set.js';
import { contextOf, peekOf } from '../../../source/model/profile/stack-context.js';
import { stackSetToProfile } from '../../../source/model/profile/to-heapprofile.js';
import type { ProfileNode, SamplingProfile } from '../../../source/model/profile/sampling-profile.js';

let nextId = 1;
const node = (functionName: string, url: string, lineNumber: number, selfSize: number, children: ProfileNode[] = []): ProfileNode =>
	({ callFrame: { functionName, scriptId: '7', url, lineNumber, columnNumber: 0 }, selfSize, id: nextId++, children });
const app = (name: string, line: number, self: number, children: ProfileNode[] = []) => node(name, 'file:///app.js', line, self, children);
const inuse: ViewOptions = { mode: 'inuse', unit: 'space', foldInternals: false };

const setOf = (...profiles: SamplingProfile[]) => {
	const table = new FrameTable();
	const set = newStackSet();
	for (const p of profiles) addProfile(set, p, table);
	return { set, table };
};

test('the stack set gives the same top as the profile tree, on random trees with recursion', () => {
	let seed = 7;
	const random = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
	const build = (depth: number): ProfileNode => app(`f${Math.floor(random() * 8)}`, Math.floor(random() * 8), random() < 0.5 ? Math.floor(random() * 1000) : 0,
		depth < 6 ? Array.from({ length: Math.floor(random() * 3) }, () => build(depth + 1)) : []);
	for (let round = 0; round < 20; round++) {
		const p: SamplingProfile = { head: app('(root)', -1, 0, [build(0), build(0)]) };
		const { set, table } = setOf(p);
		assert.deepEqual(topOfSet(set, table, inuse), topOfProfile(p, 'inuse'), `round ${round}`);
		// And the tree rebuilt from the set has the same top again (what `p` writes in alloc mode).
		assert.deepEqual(topOfProfile(stackSetToProfile(set, table), 'inuse'), topOfProfile(p, 'inuse'), `round ${round} rebuilt`);
	}
});

test('profiles read at different moments add up per stack, and come out again as the window slides', () => {
	const first: SamplingProfile = { head: app('(root)', -1, 0, [app('main', 0, 0, [app('allocateOrders', 9, 100)])]) };
	const second: SamplingProfile = { head: app('(root)', -1, 0, [app('main', 0, 5, [app('allocateOrders', 9, 300)])]) };
	const third: SamplingProfile = { head: app('(root)', -1, 0, [app('render', 19, 50)]) };
	const table = new FrameTable();
	const sum = newStackSet();
	const pieces = [nothingAdded(), nothingAdded(), nothingAdded()];
	addProfile(sum, first, table, pieces[0]);
	addProfile(sum, second, table, pieces[1]);
	const top = topOfSet(sum, table, { ...inuse, mode: 'alloc' });
	assert.equal(top.sampleType, 'alloc_space/bytes');
	assert.deepEqual(top.functions.map((f) => [f.name, f.line, f.flat, f.cum]), [['allocateOrders', 10, 400, 400], ['main', 1, 5, 405]]);
	addProfile(sum, third, table, pieces[2]);
	takeOut(pieces[0]);
	prune(sum);
	assert.deepEqual(topOfSet(sum, table, inuse), topOfSet(setOf(second, third).set, setOf(second, third).table, inuse));
	takeOut(pieces[1]);
	takeOut(pieces[2]);
	prune(sum);
	assert.equal(sum.children.size, 0, 'nothing left, nothing kept');
});

test('the tree enumerates the same stacks a profile has', () => {
	const p: SamplingProfile = { head: app('(root)', -1, 0, [app('main', 0, 5, [app('parse', 9, 100), app('render', 19, 0, [app('draw', 29, 7)])])]) };
	const { set, table } = setOf(p);
	const names = stacksOf(set).map((s) => [s.frames.map((id) => table.frames[id].name).join('<'), s.bytes]);
	assert.deepEqual(names.sort(), [['draw<render<main', 7], ['main', 5], ['parse<main', 100]]);
});

test('folding node internals and builtins gives their bytes to the program\'s code that called them', () => {
	const p: SamplingProfile = { head: app('(root)', -1, 0, [
		app('handler', 0, 10, [node('Buffer.alloc', 'node:buffer', 40, 500, [node('createPool', 'node:buffer', 80, 50)]), node('repeat', '', -1, 40)]),
		node('processTicksAndRejections', 'node:internal/process/task_queues', 60, 70),
	]) };
	const { set, table } = setOf(p);
	const shown = topOfSet(set, table, inuse);
	assert.equal(shown.functions[0].name, 'Buffer.alloc');
	const folded = topOfSet(set, table, { ...inuse, foldInternals: true });
	assert.deepEqual(folded.functions.map((f) => [f.name, f.flat, f.cum]), [['handler', 600, 600], ['(node internals)', 70, 70]]);
	assert.equal(folded.total, shown.total);
});

test('objects: samples scaled as V8 scaled their bytes', () => {
	const leaf = app('allocateOrders', 4, 1000);
	const p: SamplingProfile = { head: app('(root)', -1, 0, [leaf]), samples: [{ size: 100, nodeId: leaf.id, ordinal: 1 }, { size: 100, nodeId: leaf.id, ordinal: 2 }] };
	const { set, table } = setOf(p);
	const top = topOfSet(set, table, { ...inuse, unit: 'objects' });
	assert.equal(top.sampleType, 'inuse_objects/count');
	assert.equal(top.functions[0].flat, 10);
});

test('peek: callers and callees of a function with what passed through each', () => {
	// main -> parse -> lex (30); main -> parse (100); render -> parse -> lex (20); parse -> parse (recursion) -> lex (5)
	const p: SamplingProfile = { head: app('(root)', -1, 0, [
		app('main', 0, 0, [app('parse', 9, 100, [app('lex', 19, 30), app('parse', 9, 0, [app('lex', 19, 5)])])]),
		app('render', 29, 0, [app('parse', 9, 0, [app('lex', 19, 20)])]),
	]) };
	const { set, table } = setOf(p);
	const { callers, callees } = peekOf(set, table, inuse, { name: 'parse', url: 'file:///app.js', line: 10 });
	assert.deepEqual(callers.map((c) => [c.frame.name, c.value]), [['main', 135], ['parse', 5], ['render', 20]].sort((a, b) => (b[1] as number) - (a[1] as number)));
	assert.deepEqual(callees.map((c) => [c.frame.name, c.value]), [['lex', 55], ['parse', 5]]);
});

test('context of a suspect: the builtin that allocated for it, who called it, and the helper it called (inlined later)', () => {
	const p: SamplingProfile = { head: app('(root)', -1, 0, [app('main', 0, 0, [app('onTick', 8, 0, [
		node('set', '', -1, 900), // what the optimized callback allocates itself once its helper is inlined
		app('cacheRequest', 4, 200, [node('repeat', '', -1, 50)]), // samples from before V8 inlined the helper
	])])]) };
	const { set, table } = setOf(p);
	const onTick = table.find({ name: 'onTick', url: 'file:///app.js', line: 9 })!;
	const { via, callers, callee } = contextOf(set, table, new Set([onTick]));
	assert.equal(via.get(onTick)?.name, 'set');
	assert.deepEqual(callers.get(onTick)?.map((f) => f.name), ['main']);
	assert.equal(callee.get(onTick)?.name, 'cacheRequest');
});
