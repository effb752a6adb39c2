import { test } from 'node:test';
import assert from 'node:assert/strict';
import { layout, MIN_COLUMNS, MIN_ROWS } from '../../source/render/layout.js';
import { actionFor, keymap, stepWindow } from '../../source/render/keymap.js';

test('below the minimum size the layout says so and places nothing', () => {
	assert.equal(layout(MIN_COLUMNS - 1, 40).tooSmall, true);
	assert.equal(layout(120, MIN_ROWS - 1).tooSmall, true);
	assert.deepEqual(layout(50, 10).charts, []);
});

test('charts fill the rows exactly; the now panel appears only when wide enough', () => {
	for (const [cols, rows] of [[120, 40], [80, 24], [200, 60], [60, 16]]) {
		const plan = layout(cols, rows);
		assert.equal(plan.tooSmall, false);
		const used = plan.charts.reduce((sum, c) => sum + c.height + 1, 0) + 3 + 1 + 1; // charts, header, time axis, footer
		assert.equal(used, rows, `${cols}x${rows}`);
		assert.equal(plan.chartWidth + plan.nowWidth, cols);
		assert.ok(plan.charts.every((c) => c.height >= 3));
	}
	assert.equal(layout(80, 24).nowWidth, 0);
	assert.ok(layout(120, 40).nowWidth > 0);
	assert.deepEqual(layout(120, 40).charts.map((c) => c.name), ['heap', 'gc', 'alloc', 'handles']);
	assert.deepEqual(layout(60, 16).charts.map((c) => c.name), ['heap', 'gc']);
});

test('one keymap: every binding reachable in its view, window steps up and down', () => {
	const flags = (key: string) => ({ ctrl: key === 'ctrl+c', upArrow: key === 'up', downArrow: key === 'down', return: key === 'enter', escape: key === 'escape' });
	for (const binding of keymap) for (const key of binding.keys) {
		const input = key === 'space' ? ' ' : key === 'ctrl+c' ? 'c' : ['up', 'down', 'enter', 'escape'].includes(key) ? '' : key;
		const view = binding.scope === 'global' ? 'charts' : binding.scope;
		assert.equal(actionFor(input, flags(key), view), binding.action, key);
	}
	assert.equal(actionFor('c', {}), undefined);
	assert.equal(actionFor('p', {}), 'profile', 'p writes the allocation profile from any view');
	assert.equal(actionFor('m', {}, 'charts'), undefined, 'allocation top keys do nothing on the charts');
	assert.equal(actionFor('g', {}, 'report'), undefined, 'chart keys do nothing in the report');
	assert.equal(actionFor('', { downArrow: true }, 'charts'), undefined, 'report keys do nothing on the charts');
	assert.equal(actionFor('s', {}, 'report'), 'snapshot', 'global keys work everywhere');
	assert.equal(stepWindow(300_000, 1), 600_000);
	assert.equal(stepWindow(300_000, -1), 120_000);
	assert.equal(stepWindow(10_000, -1), 10_000);
	assert.equal(stepWindow(3_600_000, 1), 3_600_000);
	assert.equal(stepWindow(45_000, 1), 60_000);
});
