import { test } from 'node:test';
import assert from 'node:assert/strict';
import { topOfProfile } from '../../../source/model/profile/from-sampling.js';
import { diffTop } from '../../../source/model/profile/top.js';
import type { ProfileNode, SamplingProfile } from '../../../source/model/profile/sampling-profile.js';

let nextId = 1;
const node = (functionName: string, lineNumber: number, selfSize: number, children: ProfileNode[] = []): ProfileNode =>
	({ callFrame: { functionName, scriptId: '1', url: 'file:///app.js', lineNumber, columnNumber: 0 }, selfSize, id: nextId++, children });

// main -> parse (100) -> parse (recursion, 50); main -> render (30); main itself 20
const profile: SamplingProfile = { head: node('(root)', -1, 0, [node('main', 0, 20, [node('parse', 9, 100, [node('parse', 9, 50)]), node('render', 19, 30)])]) };

test('top: flat by the function itself, cum with callees, recursion counted once, lines 1-based', () => {
	const top = topOfProfile(profile, 'inuse');
	assert.equal(top.sampleType, 'inuse_space/bytes');
	assert.equal(top.total, 200);
	assert.deepEqual(top.functions.map((f) => [f.name, f.line, f.flat, f.cum]), [
		['parse', 10, 150, 150],
		['render', 20, 30, 30],
		['main', 1, 20, 200],
	]);
});

test('-base: deltas per function, unchanged ones left out', () => {
	const later: SamplingProfile = { head: node('(root)', -1, 0, [node('main', 0, 20, [node('parse', 9, 400), node('render', 19, 30)])]) };
	const diff = diffTop(topOfProfile(profile, 'inuse'), topOfProfile(later, 'inuse'));
	assert.equal(diff.total, 250);
	assert.deepEqual(diff.functions.map((f) => [f.name, f.flat, f.cum]), [['parse', 250, 250], ['main', 0, 250]]);
});

test('object counts scale the samples as V8 scaled the bytes', () => {
	const leaf = node('alloc', 4, 1000);
	const p: SamplingProfile = { head: node('(root)', -1, 0, [leaf]), samples: [{ size: 100, nodeId: leaf.id, ordinal: 1 }, { size: 100, nodeId: leaf.id, ordinal: 2 }] };
	// 2 samples of 100 bytes stand for 1000 bytes: 10 objects.
	assert.equal(topOfProfile(p, 'alloc', 'objects').functions[0].flat, 10);
});

test('the one-walk top equals the definition (every stack, every frame) on a random tree with recursion', async () => {
	const { topOfStacks } = await import('../../../source/model/profile/top.js');
	const { walk } = await import('../../../source/model/profile/sampling-profile.js');
	const { frameOf } = await import('../../../source/model/profile/from-sampling.js');
	// The definition: every allocating node is one stack, leaf first, V8's synthetic root left out.
	const stacksOf = (p: SamplingProfile) => {
		const stacks: { frames: ReturnType<typeof frameOf>[]; value: number }[] = [];
		walk(p, (n, path) => {
			if (n.selfSize > 0 && path.length > 1) stacks.push({ frames: path.slice(1).reverse().map((x) => frameOf(x.callFrame)), value: n.selfSize });
		});
		return stacks;
	};
	let seed = 99;
	const random = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
	const build = (depth: number): ProfileNode => node(`f${Math.floor(random() * 8)}`, Math.floor(random() * 8), random() < 0.5 ? Math.floor(random() * 1000) : 0,
		depth < 6 ? Array.from({ length: Math.floor(random() * 3) }, () => build(depth + 1)) : []);
	for (let round = 0; round < 20; round++) {
		const p: SamplingProfile = { head: node('(root)', -1, 0, [build(0), build(0)]) };
		const fast = topOfProfile(p, 'inuse');
		const slow = topOfStacks('inuse_space/bytes', stacksOf(p));
		assert.deepEqual(fast, slow, `round ${round}`);
	}
});
