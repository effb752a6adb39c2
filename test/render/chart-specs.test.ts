// Charts show what the runtime gives: a browser page's heap chart has no RSS or external lines, and its DOM
// takes the handles chart's place; a Node target's charts are unchanged.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { History } from '../../source/model/history.js';
import { chartSpec } from '../../source/render/chart-specs.js';
import type { Reading } from '../../source/types.js';

function history(reading: (t: number) => Reading): History {
	const h = new History();
	for (let t = 1000; t <= 10_000; t += 1000) h.addReading(reading(t));
	return h;
}

test('a browser page: heap lines it has, and DOM nodes and listeners instead of handles', () => {
	const page = history((t) => ({ t, heapUsed: 5e6 + t, heapTotal: 8e6, dom: { nodes: 200 + t / 1000, listeners: 50, documents: 1 } }));
	const heap = chartSpec('heap', page, 10_000, 10_000, 20, 1000);
	assert.deepEqual(heap.legend.map((l) => l.name), ['heap total', 'heap used'], 'no rss or external line for a page');
	const dom = chartSpec('handles', page, 10_000, 10_000, 20, 1000);
	assert.equal(dom.title, 'DOM nodes and event listeners');
	assert.deepEqual(dom.legend.map((l) => l.name), ['nodes', 'listeners']);
	assert.equal(Math.max(...dom.series[0].values.filter((v): v is number => typeof v === 'number' && !Number.isNaN(v))), 210);
	assert.match(chartSpec('gc', page, 10_000, 10_000, 20, 1000, 'browser').emptyText ?? '', /a page gives no GC events/, 'an empty chart says why it stays empty');
	assert.equal(chartSpec('gc', page, 10_000, 10_000, 20, 1000, 'node').emptyText, undefined, 'for Node it is only waiting');
});

test('a Node target keeps every line and its handles chart', () => {
	const node = history((t) => ({ t, heapUsed: 5e6, heapTotal: 8e6, heapLimit: 4e9, rss: 5e7, external: 1e6, arrayBuffers: 1e4, handles: { Timeout: 3 } }));
	assert.deepEqual(chartSpec('heap', node, 10_000, 10_000, 20, 1000).legend.map((l) => l.name), ['rss', 'heap total', 'heap used', 'external']);
	assert.equal(chartSpec('handles', node, 10_000, 10_000, 20, 1000).title, 'Active handles and requests');
});
