// The process list's sparkline: newest at the right, gaps blank, squeezed by keeping each column's last value.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { sparkline } from '../../source/render/sparkline.js';

test('a short series sits at the right edge, one column each, scaled between its min and max', () => {
	assert.equal(sparkline([0, 2, 14], 6), '   ▁▂█');
	assert.equal(sparkline([5, 5, 5], 3), '▄▄▄', 'a flat series is drawn mid-height, not as the floor');
});

test('a missing reading is a blank column, never the floor', () => {
	assert.equal(sparkline([1, undefined, 8], 3), '▁ █');
	assert.equal(sparkline([undefined, undefined], 4), '    ');
});

test('a long series is squeezed: each column shows the last value of its share', () => {
	const values = Array.from({ length: 100 }, (_, i) => i);
	const line = sparkline(values, 10);
	assert.equal([...line].length, 10);
	assert.equal(line.at(-1), '█', 'the newest value is the max here');
	assert.equal(line[0], '▁');
	assert.equal(sparkline(values, 0), '');
});
