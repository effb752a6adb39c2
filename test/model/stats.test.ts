import { test } from 'node:test';
import assert from 'node:assert/strict';
import { percentile } from '../../source/model/stats/percentile.js';
import { gcWindowStats } from '../../source/model/stats/gc-pauses.js';
import { movingGcStats } from '../../source/model/stats/gc-window.js';
import { History } from '../../source/model/history.js';
import { slopePerMinute } from '../../source/model/stats/trend.js';

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

test('GC stats of a moving window, kept as events come and go, agree with the exact ones at every step', () => {
	const history = new History(120_000); // pruned as it goes, as an hour's history is
	const kinds = ['minor', 'minor', 'major', 'incremental', 'weakcb'] as const;
	for (let t = 0; t < 400_000; t += 97) {
		history.addGcEvents([{ t, kind: kinds[t % 5], pauseMs: 0.05 + ((t * 7919) % 5000) / 100 }]);
		if (t % 1940 !== 0) continue;
		// The screen's window, a frozen screen's (back in time), and a longer window after a key press.
		for (const [since, until] of [[t - 60_000, t], [t - 80_000, t - 20_000], [t - 100_000, t]]) {
			const moving = movingGcStats(history, since, until, 'test');
			const exact = gcWindowStats(history.gcEvents, since, until);
			assert.equal(moving.count, exact.count);
			assert.deepEqual(moving.byKind, exact.byKind);
			assert.ok(Math.abs(moving.totalPauseMs - exact.totalPauseMs) < 1e-6 * Math.max(1, exact.totalPauseMs), `total at ${t}`);
			for (const key of ['p50Ms', 'p99Ms', 'maxMs'] as const) {
				if (exact[key] === undefined) assert.equal(moving[key], undefined);
				else assert.ok(Math.abs(moving[key]! / exact[key]! - 1) <= 0.0025, `${key} at ${t}: ${moving[key]} vs ${exact[key]}`);
			}
		}
	}
	assert.ok(history.removed.gcEvents > 1000, 'events left the history while the window held copies of them');
});
