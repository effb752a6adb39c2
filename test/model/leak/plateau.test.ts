// Grew, then stopped: the "line, then a level" test on recorded and made-up floors. A cache that reached its
// cap and a warm-up are never called leaks and are called no-leak within a minute; a climb is still a leak.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { plateauAtEnd } from '../../../source/model/leak/plateau.js';
import { judgeAcrossOneDrop } from '../../../source/model/leak/level-shift.js';
import { detectLeaks } from '../../../source/model/leak/detect.js';
import { formatBytes } from '../../../source/model/format.js';
import type { Point } from '../../../source/model/stats/trend.js';
import { recorded } from '../../helpers/recorded.js';

const MB = 1024 * 1024;
const FLOORS = { minSlopePerMin: 256 * 1024, minRelativeSlopePerMin: 0.01, minPoints: 3, minR2: 0.6, minGrowthShare: 0.6, minTailRatio: 0.3 };
/** A seeded stream of normal deviates: the same noise every run. */
function noise(seed: number): () => number {
	let s = seed;
	const uniform = () => (s = (s * 1103515245 + 12345) % 2147483648) / 2147483648;
	return () => Math.sqrt(-2 * Math.log(uniform() + 1e-12)) * Math.cos(2 * Math.PI * uniform());
}
const series = (f: (t: number) => number, stepMs: number, untilMs: number, sigma = 0, seed = 1): Point[] => {
	const next = noise(seed);
	return Array.from({ length: Math.floor(untilMs / stepMs) }, (_, i) => ({ t: (i + 1) * stepMs, v: f((i + 1) * stepMs) + sigma * next() }));
};
const verdictAt = (points: Point[], at: number) => judgeAcrossOneDrop(points.filter((p) => p.t <= at), FLOORS, formatBytes);

test('a line, then a level: found where the climb stopped; a straight climb or a flat series has none', () => {
	const capped = series((t) => 10 * MB + (Math.min(t, 20_000) / 20_000) * 6 * MB, 5000, 60_000);
	const level = plateauAtEnd(capped);
	assert.ok(level, 'the cap is found');
	assert.equal(level.since, 20_000, 'the floor the climb reached the cap with');
	assert.equal(level.level, 16 * MB);
	assert.equal(level.lastedMs, 40_000);
	assert.equal(plateauAtEnd(series((t) => 10 * MB + t * 40, 5000, 60_000)), undefined, 'a straight climb');
	assert.equal(plateauAtEnd(series(() => 10 * MB, 5000, 60_000)), undefined, 'flat all along: nothing levelled off');
	assert.equal(plateauAtEnd(series((t) => 10 * MB + (Math.min(t, 55_000) / 55_000) * 6 * MB, 5000, 60_000)), undefined, 'two floors are not a level yet');
	assert.equal(plateauAtEnd(series((t) => 10 * MB + t * 40 - (t >= 40_000 ? 0.7 * MB : 0), 5000, 60_000)), undefined, 'a climb that goes on after a fall');
});

test('a warm-up that fills a table for 18 s is never a leak, and no-leak once level for 20 s', () => {
	for (const [stepMs, sigma] of [[5000, 0.05 * MB], [3000, 0.3 * MB]]) {
		for (let seed = 1; seed <= 8; seed++) {
			const floors = series((t) => 10 * MB + (Math.min(t, 18_000) / 18_000) * 8 * MB, stepMs, 90_000, sigma, seed);
			for (let at = 30_000; at <= 90_000; at += 5000) assert.notEqual(verdictAt(floors, at).verdict, 'leak', `step ${stepMs}, seed ${seed}, at ${at / 1000} s`);
			assert.equal(verdictAt(floors, 60_000).verdict, 'no-leak', `step ${stepMs}, seed ${seed}: ${verdictAt(floors, 60_000).reason}`);
		}
	}
});

test('recorded: a cache that reaches its cap in 20 s is never a leak, and no-leak by 50 s', () => {
	const { history, start, end } = recorded('capped-cache.ndjson');
	for (let at = start + 30_000; at <= end; at += 1000) assert.notEqual(detectLeaks(history, at, 300_000).verdict, 'leak', `at ${(at - start) / 1000} s`);
	const at50 = detectLeaks(history, start + 50_000, 300_000);
	assert.equal(at50.verdict, 'no-leak', at50.heap.reason);
	assert.match(at50.heap.reason, /levelled off at 4\.7 MiB/);
});

test('recorded: an unbounded cache stays a leak from 35 s on: its floor never levels', () => {
	const { history, start, end } = recorded('map-cache.ndjson');
	for (let at = start + 35_000; at <= end; at += 1000) assert.equal(detectLeaks(history, at, 300_000).verdict, 'leak', `at ${(at - start) / 1000} s`);
});

test('a clean climb whose floor stays put between rare major GCs is a leak (fit r² 0.98, under half the steps rising)', () => {
	// 3 MB/min, a new floor every other point: the step between repeats the floor before.
	const floors = series((t) => 20 * MB + Math.floor(t / 6000) * 6000 * (3 * MB / 60_000), 3000, 90_000);
	const judged = verdictAt(floors, 90_000);
	assert.ok(judged.r2! > 0.95 && judged.growthShare! < 0.6, `r² ${judged.r2}, up at ${judged.growthShare}`);
	assert.equal(judged.verdict, 'leak', judged.reason);
});

/** The verdict every 5 s from 30 s on, as the watchdog would have judged the recording live. */
function verdicts(name: string): { second: number; verdict: string; reason: string }[] {
	const { history, start, end } = recorded(name);
	const out = [];
	for (let at = start + 30_000; at <= end; at += 5000) {
		const report = detectLeaks(history, at, 300_000);
		out.push({ second: Math.round((at - start) / 1000), verdict: report.verdict, reason: report.heap.reason });
	}
	return out;
}

test('recorded: a warm-up that fills a table for 18 s is never a leak, and no-leak by 45 s', () => {
	for (const { second, verdict, reason } of verdicts('warm-up.ndjson')) {
		assert.notEqual(verdict, 'leak', `at ${second} s: ${reason}`);
		if (second >= 45) assert.equal(verdict, 'no-leak', `at ${second} s: ${reason}`);
	}
});

test('recorded: batch saws (a 3 MB floor, 96 MB when a major GC lands mid-batch) are never a leak, and no-leak from 40 s', () => {
	for (const { second, verdict, reason } of verdicts('batch-saw.ndjson')) {
		assert.notEqual(verdict, 'leak', `at ${second} s: ${reason}`);
		if (second >= 40) assert.equal(verdict, 'no-leak', `at ${second} s: ${reason}`);
	}
});

test('recorded: a slow leak (0.9 MB/min) under heavy garbage is a leak from 45 s on, and never no-leak', () => {
	for (const { second, verdict, reason } of verdicts('slow-leak.ndjson')) {
		assert.notEqual(verdict, 'no-leak', `at ${second} s: ${reason}`);
		if (second >= 45) assert.equal(verdict, 'leak', `at ${second} s: ${reason}`);
	}
});
