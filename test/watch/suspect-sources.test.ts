// Suspects whose samples name no helper get one from their source: asked of the target once per script.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { SuspectSources } from '../../source/watch/suspect-sources.js';
import { FrameTable } from '../../source/model/profile/stack-set.js';
import type { Suspect } from '../../source/model/profile/suspects.js';

const SOURCE = ['function cacheRequest(id) {', '  cache.set(id, {});', '}', 'setInterval(() => {', '  cacheRequest(n++);', '}, 20);'].join('\n');

test('a callback with no callee in its samples gets the script function it calls, once its source has come', async () => {
	const table = new FrameTable();
	table.idOf({ name: '(anonymous)', url: '/srv/app.js', line: 4, scriptId: '42' });
	const asked: string[] = [];
	let arrived = 0;
	const sources = new Map<string, string[]>();
	const suspectSources = new SuspectSources(sources, async (id) => (asked.push(id), SOURCE), () => arrived++);
	const suspect: Suspect = { name: '(anonymous)', url: '/srv/app.js', line: 4, growthBytesPerMin: 1e6, inUseBytes: 1e6, callers: [] };
	assert.deepEqual(suspectSources.complete([suspect], table), [suspect], 'unchanged until the source is in');
	suspectSources.complete([suspect], table);
	await new Promise((resolve) => setImmediate(resolve));
	assert.deepEqual(asked, ['42'], 'asked once');
	assert.equal(arrived, 1);
	const [named] = suspectSources.complete([suspect], table);
	assert.deepEqual(named.callee, { name: 'cacheRequest', url: '/srv/app.js', line: 1 });
	assert.equal(named.calleeFromSource, true);
	// A suspect whose samples already name a helper keeps it; a native frame is not asked about.
	const sampled = { ...suspect, callee: { name: 'helper', url: '/srv/app.js', line: 9 } };
	assert.equal(suspectSources.complete([sampled], table)[0], sampled);
});

test('a helper the samples name is followed on through its source: the handler calls the helper that keeps the orders', async () => {
	const source = ['function rememberOrder(order) {', '  orders.push(order);', '}', 'function handleRequest(id) {', '  rememberOrder({ id });', '}', 'setInterval(() => {', '  handleRequest(n++);', '}, 20);'].join('\n');
	const table = new FrameTable();
	table.idOf({ name: '(anonymous)', url: '/srv/app.js', line: 7, scriptId: '42' });
	table.idOf({ name: 'handleRequest', url: '/srv/app.js', line: 4, scriptId: '42' });
	const sources = new Map<string, string[]>([['42', source.split('\n')]]);
	const suspectSources = new SuspectSources(sources, async () => source, () => {});
	const sampled: Suspect = { name: '(anonymous)', url: '/srv/app.js', line: 7, growthBytesPerMin: 1e6, inUseBytes: 1e6, callers: [], callee: { name: 'handleRequest', url: '/srv/app.js', line: 4 } };
	const [named] = suspectSources.complete([sampled], table);
	assert.deepEqual(named.callee, { name: 'rememberOrder', url: '/srv/app.js', line: 1 });
	assert.deepEqual(named.calleeThrough, [{ name: 'handleRequest', url: '/srv/app.js', line: 4 }]);
	assert.equal(named.calleeFromSource, true);
});
