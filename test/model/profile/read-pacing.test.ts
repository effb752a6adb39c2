import { test } from 'node:test';
import assert from 'node:assert/strict';
import { READ_MS, ReadPacing } from '../../../source/model/profile/read-pacing.js';

test('cheap reads keep the 5 s pace; a costly heap is read less often, at most doubling per read, never past 2 min', () => {
	const pacing = new ReadPacing();
	assert.equal(pacing.everyMs, READ_MS);
	assert.equal(pacing.record(3), READ_MS, '3 ms × 200 = 600 ms: the floor holds');
	const steady = new ReadPacing();
	assert.deepEqual([400, 400, 400, 400, 400, 400].map((cost) => steady.record(cost)), [10_000, 20_000, 40_000, 80_000, 80_000, 80_000]);
	const huge = new ReadPacing();
	for (let i = 0; i < 10; i++) huge.record(5000);
	assert.equal(huge.everyMs, 120_000);
});

test('one slow read on a busy machine does not stretch the pace: the cheapest of the last three counts', () => {
	const pacing = new ReadPacing();
	pacing.record(20);
	assert.equal(pacing.record(171), READ_MS, 'the 171 ms outlier is outweighed by the 20 ms read before it');
	const first = new ReadPacing();
	assert.equal(first.record(171), 10_000, 'a slow first read at most doubles the pace, not 34 s');
	assert.equal(first.record(20), READ_MS, 'and the next cheap read brings it back');
	const grown = new ReadPacing();
	for (const cost of [300, 300, 300, 300]) grown.record(cost);
	assert.equal(grown.everyMs, 60_000);
	grown.record(20);
	assert.equal(grown.everyMs, READ_MS, 'a heap that shrank is read often again at once');
});
