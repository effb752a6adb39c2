import { test } from 'node:test';
import assert from 'node:assert/strict';
import { chartGrid } from '../../source/render/chart-grid.js';

const text = (grid: { char: string }[][]) => grid.map((row) => row.map((c) => c.char).join(''));
const opts = { labelWidth: 6, format: (v: number) => v.toFixed(0) };

test('the grid has exactly the height asked for and one plot column per segment', () => {
	for (const height of [3, 5, 8, 13]) {
		const values = Array.from({ length: 21 }, (_, i) => (i * 37) % 11);
		const grid = chartGrid([{ values, color: 'green' }], { ...opts, height });
		assert.equal(grid.length, height);
		assert.ok(grid.every((row) => row.length === 6 + 1 + 20), `width at height ${height}`);
	}
});

test('gaps are blank columns, not drops to zero', () => {
	const values = [5, 5, 5, undefined, undefined, 5, 5, 5, 9];
	const rows = text(chartGrid([{ values, color: 'green' }], { ...opts, height: 5, fromZero: true }));
	const plot = rows.map((r) => r.slice(7));
	for (const column of [2, 3, 4]) assert.ok(plot.every((r) => r[column] === ' '), `column ${column} blank:\n${rows.join('\n')}`);
	assert.ok(plot.some((r) => r[0] !== ' ') && plot.some((r) => r[6] !== ' '));
	assert.ok(!rows.at(-1)!.slice(7).includes('─'), 'nothing drawn on the bottom (zero-ish) row');
});

test('series keep their colours where they overlap; marks go on the top row', () => {
	const grid = chartGrid([{ values: [1, 1, 1, 1], color: 'green' }, { values: [3, 3, 3, 3], color: 'blue' }], { ...opts, height: 4, marks: [{ column: 1, label: 'G' }] });
	const colors = new Set(grid.flat().map((c) => c.color).filter(Boolean));
	assert.deepEqual([...colors].sort(), ['blue', 'green', 'yellow']);
	assert.equal(grid[0][7 + 1].char, 'G');
});

test('no data at all draws a waiting message instead of throwing', () => {
	const rows = text(chartGrid([{ values: new Array(40).fill(undefined), color: 'green' }], { ...opts, height: 3 }));
	assert.equal(rows.length, 3);
	assert.match(rows.join('\n'), /waiting for data/);
});
