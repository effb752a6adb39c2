import { test } from 'node:test';
import assert from 'node:assert/strict';
import { percentile } from '../../source/model/stats/percentile.js';
import { gcWindowStats } from '../../source/model/stats/gc-pauses.js';
import { slopePerMinute } from '../../source/model/stats/trend.js';
import { bucketize, columnOf } from '../../source/model/buckets.js';

test('nearest-rank percentiles', () => {
	const values = Array.from({ length: 100 }, (_, i) => 100 - i); // 100..1, unsorted
	assert.equal(percentile(values, 50), 50);
	assert.equal(percentile(values, 99), 99);
	assert.equal(percentile(values, 100), 100);
	assert.equal(percentile([], 50), undefined);
	assert.equal(percentile([7], 99), 7);
});

test('GC window stats count only events inside the window', () => {
	const events = [
		{ t: 500, kind: 'major' as const, pauseMs: 100 },
		{ t: 1000, kind: 'minor' as const, pauseMs: 2 },
		{ t: 1500, kind: 'minor' as const, pauseMs: 4 },
		{ t: 2000, kind: 'major' as const, pauseMs: 14 },
	];
	const s = gcWindowStats(events, 1000, 3000);
	assert.equal(s.count, 3);
	assert.deepEqual(s.byKind, { minor: 2, major: 1, incremental: 0, weakcb: 0 });
	assert.equal(s.totalPauseMs, 20);
	assert.equal(s.maxMs, 14);
	assert.equal(s.p50Ms, 4);
	assert.equal(s.timePercent, 1);
});

test('slope per minute of a straight line, and of too little data', () => {
	const points = [0, 1, 2, 3].map((i) => ({ t: i * 30_000, v: 1000 + i * 500 }));
	assert.equal(slopePerMinute(points), 1000);
	assert.equal(slopePerMinute(points.slice(0, 1)), undefined);
	assert.equal(slopePerMinute([{ t: 5, v: 1 }, { t: 5, v: 2 }]), undefined);
});

test('bucketize folds a window into columns; empty columns are gaps, not zeros', () => {
	const items = [{ t: 0.5, v: 10 }, { t: 1.5, v: 30 }, { t: 3, v: 20 }, { t: 7, v: 5 }, { t: 10, v: undefined }, { t: 0, v: 99 }];
	assert.deepEqual(bucketize(items, (i) => i.v, 10, 10, 5, 'mean'), [20, 20, undefined, 5, undefined]);
	assert.deepEqual(bucketize(items, (i) => i.v, 10, 10, 5, 'max'), [30, 20, undefined, 5, undefined]);
	assert.equal(columnOf(7, 10, 10, 5), 3);
	assert.equal(columnOf(0, 10, 10, 5), undefined);
});

test('columns narrower than the interval are bridged; a failed reading is not', () => {
	// Readings every 1000 ms into 500 ms columns: every other column is empty by chance.
	const steady = [1000, 2000, 3000, 4000].map((t) => ({ t, v: t / 1000 }));
	assert.deepEqual(bucketize(steady, (i) => i.v, 4000, 4000, 8, 'mean', 1500), [undefined, undefined, 1, 1, 2, 2, 3, 4]);
	assert.deepEqual(bucketize(steady, (i) => i.v, 4000, 4000, 8, 'mean'), [undefined, undefined, 1, undefined, 2, undefined, 3, 4]);
	const failed = [{ t: 1000, v: 1 }, { t: 2000, v: undefined }, { t: 3000, v: 3 }];
	assert.deepEqual(bucketize(failed, (i) => i.v, 3000, 3000, 6, 'mean', 1500), [undefined, undefined, 1, undefined, undefined, 3]);
	const far = [{ t: 1000, v: 1 }, { t: 3000, v: 3 }]; // 2 s apart: missing data, not sampling phase
	assert.deepEqual(bucketize(far, (i) => i.v, 3000, 3000, 6, 'mean', 1500), [undefined, undefined, 1, undefined, undefined, 3]);
});

test('GC window stats over an hour of a GC storm: exact percentiles, no call-stack limit', () => {
	// 300k events: spreading them into Math.max threw RangeError before; the answers are checked exactly.
	const events = Array.from({ length: 300_000 }, (_, i) => ({ t: i, kind: (i % 100 === 0 ? 'major' : 'minor') as 'major' | 'minor', pauseMs: (i % 1000) / 10 }));
	const stats = gcWindowStats(events, 100_000, 299_999);
	assert.equal(stats.count, 200_000);
	assert.equal(stats.byKind.major, 2000);
	assert.equal(stats.maxMs, 99.9);
	assert.equal(stats.p50Ms, 49.9); // each pause value 0.0..99.9 appears 200 times: rank 100000 is the 500th value
	assert.equal(stats.p99Ms, 98.9);
});
