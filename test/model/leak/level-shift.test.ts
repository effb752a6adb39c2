// One drop of a climbing floor is taken out; a sawtooth's many drops, or one the series never climbs back from, are not.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { judgeAcrossOneDrop, oneFloorPerEvent, withoutOneDrop } from '../../../source/model/leak/level-shift.js';
import type { Point } from '../../../source/model/stats/trend.js';

const MB = 1024 * 1024;
const RULES = { minSlopePerMin: 256 * 1024, minRelativeSlopePerMin: 0.01, minPoints: 3, minR2: 0.6, minGrowthShare: 0.6, minTailRatio: 0.3 };
/** A floor every 5 s for `seconds`, climbing `perMin`, less `drop` from `dropAt` on. */
const floors = (seconds: number, perMin: number, drop = 0, dropAt = Infinity): Point[] =>
	Array.from({ length: seconds / 5 }, (_, i) => ({ t: i * 5000, v: 20 * MB + (perMin * i * 5) / 60 - (i * 5 >= dropAt ? drop : 0) }));

test('a leak of 3 MB/min that drops 0.7 MB once: a leak again once it has climbed back past where it was', () => {
	const points = floors(60, 3 * MB, 0.7 * MB, 30);
	const shift = withoutOneDrop(points)!;
	assert.equal(shift.at, 30_000);
	assert.ok(Math.abs(shift.drop - 0.45 * MB) < 0.01 * MB, `the fall between two floors, less the 5 s of climbing: ${shift.drop}`);
	assert.equal(shift.regained, true);
	const judged = judgeAcrossOneDrop(points, RULES, (n) => `${(n / MB).toFixed(1)} MB`);
	assert.equal(judged.verdict, 'leak', judged.reason);
	assert.ok(Math.abs(judged.slopePerMin! - 3 * MB) < 0.01 * MB, `the slope within the parts: ${judged.slopePerMin}`);
	// 10 s after the drop it has not climbed back yet: inconclusive, never "levelled off".
	const early = judgeAcrossOneDrop(floors(40, 3 * MB, 0.7 * MB, 30), RULES, String);
	assert.equal(early.verdict, 'inconclusive', early.reason);
	assert.match(early.reason, /climbing back after one drop/);
});

test('a batch that grows for 40 s and is dropped is no leak: it never climbs back past its peak', () => {
	const points = floors(60, 3 * MB).map((p) => ({ t: p.t, v: p.t >= 40_000 ? p.v - 2 * MB : p.v }));
	assert.equal(withoutOneDrop(points)!.regained, false);
	assert.notEqual(judgeAcrossOneDrop(points, RULES, String).verdict, 'leak');
});

test('a sawtooth has many drops: none is taken out', () => {
	const saw = Array.from({ length: 12 }, (_, i) => ({ t: i * 5000, v: 20 * MB + (i % 3) * MB }));
	assert.equal(withoutOneDrop(saw), undefined);
	assert.notEqual(judgeAcrossOneDrop(saw, RULES, String).verdict, 'leak');
});

test('back-to-back floors are one event: the later stands for both', () => {
	assert.deepEqual(oneFloorPerEvent([{ t: 0, v: 5 }, { t: 28_500, v: 4 }, { t: 28_600, v: 3 }, { t: 33_000, v: 6 }]), [{ t: 0, v: 5 }, { t: 28_600, v: 3 }, { t: 33_000, v: 6 }]);
});

test('a cache that reaches its cap after one drop (a jump, then flat) is not made a leak by taking the drop out', () => {
	// Rises to 24 s, falls by 0.1 MB at 29 s, jumps at 34 s to its cap and stays there: seen on Node 20.
	const kb = [3480, 3902, 4254, 4718, 4764, 4651, 5245, 5245, 5246, 5246, 5251];
	const points = kb.map((v, i) => ({ t: i * 5000, v: v * 1024 }));
	const judged = judgeAcrossOneDrop(points, RULES, String);
	assert.doesNotMatch(judged.reason, /across one drop/, judged.reason);
});
