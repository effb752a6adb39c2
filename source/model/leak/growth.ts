// Is a series growing the way a leak grows? Judged on its floor, not its sawtooth: a program that makes lots of
// garbage goes up and down; a leak's lowest points climb. Three tests must agree before the word "leak": a
// straight-line fit with a slope that matters and a good fit, growth at most steps (Go's consecutive-growth
// check), and growth still going on in the later half of the window (a cache that filled up and stopped is
// not a leak).
import type { Point } from '../stats/trend.js';
import { isSettled, plateauAtEnd } from './plateau.js';

export type Verdict = 'leak' | 'no-leak' | 'inconclusive';

export interface Fit {
	readonly slopePerMin: number;
	readonly r2: number; // 0..1: how much of the variation the line explains
}

/** Least squares over points; undefined with fewer than two points or no spread in time. */
export function linearFit(points: readonly Point[]): Fit | undefined {
	const n = points.length;
	if (n < 2) return undefined;
	const mt = points.reduce((s, p) => s + p.t, 0) / n;
	const mv = points.reduce((s, p) => s + p.v, 0) / n;
	let stt = 0;
	let stv = 0;
	let svv = 0;
	for (const p of points) {
		stt += (p.t - mt) ** 2;
		stv += (p.t - mt) * (p.v - mv);
		svv += (p.v - mv) ** 2;
	}
	if (stt === 0) return undefined;
	// A flat series has nothing to explain: a perfect fit of a zero slope.
	return { slopePerMin: (stv / stt) * 60_000, r2: svv === 0 ? 1 : (stv * stv) / (stt * svv) };
}

export interface GrowthRules {
	/** A slope below this (units per minute) is no growth at all, however well it fits. */
	readonly minSlopePerMin: number;
	/** ... and below this share of the series' median level per minute. */
	readonly minRelativeSlopePerMin: number;
	readonly minPoints: number;
	readonly minR2: number; // a leak's floor is close to a line
	readonly minGrowthShare: number; // the share of steps that go up
	readonly minTailRatio: number; // the later half's slope against the whole window's
}

export interface GrowthJudgement {
	readonly verdict: Verdict;
	readonly slopePerMin?: number;
	readonly r2?: number;
	readonly growthShare?: number;
	readonly tailSlopePerMin?: number;
	readonly points: number;
	/** Why, in words: the evidence for a verdict, or what is missing for one. */
	readonly reason: string;
}

/** Judge the floor points of one series (already chosen: post-GC sizes or a lower envelope). */
export function judgeGrowth(points: readonly Point[], rules: GrowthRules, format: (n: number) => string): GrowthJudgement {
	if (points.length < rules.minPoints) {
		return { verdict: 'inconclusive', points: points.length, reason: `${points.length} of the ${rules.minPoints} floor points needed` };
	}
	const fit = linearFit(points)!;
	const floor = slopeThatMatters(points, rules);
	const growthShare = risingShare(points, floor);
	const half = points.filter((p) => p.t >= (points[0].t + points.at(-1)!.t) / 2);
	const tail = linearFit(half)?.slopePerMin ?? 0;
	const evidence = { slopePerMin: fit.slopePerMin, r2: fit.r2, growthShare, tailSlopePerMin: tail, points: points.length };
	const described = `${format(fit.slopePerMin)}/min, fit r² ${fit.r2.toFixed(2)}, up at ${Math.round(growthShare * 100)}% of ${points.length - 1} steps`;
	if (fit.slopePerMin < floor) return { verdict: 'no-leak', ...evidence, reason: `flat: ${described}` };
	// A line that explains almost nothing of how the floor moves is no trend: noise around a level (heavy
	// garbage gave 305 KB/min at r² 0.09 over 11 floors). Its t statistic under 1 means the slope is well within
	// its own error; a leak's floor climbs with t in the tens.
	if (points.length >= NOISE_POINTS && trendT(fit.r2, points.length) < 1) return { verdict: 'no-leak', ...evidence, reason: `no trend beyond noise: ${described}` };
	const level = plateauAtEnd(points);
	const seconds = level && Math.round(level.lastedMs / 1000);
	if (level && isSettled(level, points)) {
		return { verdict: 'no-leak', ...evidence, reason: `grew, then levelled off at ${format(level.level)} for ${seconds} s: a cache that filled up, or a warm-up` };
	}
	// A line that explains nearly all of the climb needs fewer rising steps: between rare major GCs the floor
	// stays put for a step or two (a session store: r² 0.98, up at 55% of 33 steps).
	const share = fit.r2 >= STRONG_FIT ? STRONG_FIT_SHARE : rules.minGrowthShare;
	if (!level && fit.r2 >= rules.minR2 && growthShare >= share && tail >= rules.minTailRatio * fit.slopePerMin) {
		return { verdict: 'leak', ...evidence, reason: `grows ${described}` };
	}
	if (tail < rules.minTailRatio * fit.slopePerMin && tail < floor) {
		return { verdict: 'no-leak', ...evidence, reason: `grew, then levelled off (${format(tail)}/min in the later half): a cache that filled up?` };
	}
	if (level) return { verdict: 'inconclusive', ...evidence, reason: `grew, then levelled off at ${format(level.level)} ${seconds} s ago: watching whether it stays (${described})` };
	return { verdict: 'inconclusive', ...evidence, reason: `grows unevenly: ${described}` };
}

/** Floors enough to tell a trend from noise. */
const NOISE_POINTS = 8;
/** A fit this good is a climb even when fewer steps rise (STRONG_FIT_SHARE of them). */
const STRONG_FIT = 0.9;
const STRONG_FIT_SHARE = 0.4;

/** The t statistic of a least-squares slope from its r² over n points: how many standard errors it is from 0. */
export function trendT(r2: number, n: number): number {
	return r2 >= 1 ? Infinity : Math.sqrt((r2 * (n - 2)) / (1 - r2));
}

/** The smallest slope per minute that counts as growth for this series: absolute, or relative to its median level. */
export function slopeThatMatters(points: readonly Point[], rules: GrowthRules): number {
	const sorted = points.map((p) => p.v).sort((a, b) => a - b);
	return Math.max(rules.minSlopePerMin, rules.minRelativeSlopePerMin * sorted[Math.floor(sorted.length / 2)]);
}

/**
 * The share of steps that go up. A step counts as growth only if it rose by a quarter of what the slope that
 * matters would give over it: a floor that wobbles by a few kilobytes (fragmentation, a timer) is not climbing.
 */
export function risingShare(points: readonly Point[], slopePerMin: number): number {
	let ups = 0;
	for (let i = 1; i < points.length; i++) if (points[i].v - points[i - 1].v > (0.25 * slopePerMin * (points[i].t - points[i - 1].t)) / 60_000) ups++;
	return points.length > 1 ? ups / (points.length - 1) : 0;
}

/**
 * The lower envelope of a sawtooth: the smallest value in each of `buckets` equal slices of time. What a
 * series falls back to between its peaks, for when major GCs are too rare to give floors directly.
 */
export function lowerEnvelope(points: readonly Point[], from: number, to: number, buckets: number): Point[] {
	const mins: (Point | undefined)[] = new Array(buckets).fill(undefined);
	const width = (to - from) / buckets;
	if (width <= 0) return [];
	for (const p of points) {
		if (p.t < from || p.t > to) continue;
		const i = Math.min(buckets - 1, Math.floor((p.t - from) / width));
		if (!mins[i] || p.v < mins[i]!.v) mins[i] = p;
	}
	return mins.filter((p): p is Point => p !== undefined);
}
