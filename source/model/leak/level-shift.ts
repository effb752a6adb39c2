// One drop of a floor that keeps climbing is not the end of a climb. On Node 22 and later, V8 runs two
// back-to-back major GCs about 30 s after start that lower the heap floor once (by ~0.7 MB on a small program:
// code it flushes, a table it trims), and a leak's line then fits badly, or its later half looks flat. Here
// such a drop is taken out: the part after it is lifted to continue the part before it, at a slope fitted
// within each part. Only one drop, far larger than any other fall, qualifies; a sawtooth has many.
import type { Point } from '../stats/trend.js';
import { judgeGrowth, risingShare, slopeThatMatters, type GrowthJudgement, type GrowthRules } from './growth.js';
import { isSettled, plateauAtEnd } from './plateau.js';

/** Floors closer than this are one event (the back-to-back GCs): the later, fuller one stands for both. */
const SAME_EVENT_MS = 2_000;
/** Every other fall must be smaller than this share of the drop, or the series is a sawtooth, not one drop. */
const OTHER_FALLS_SHARE = 1 / 3;

export interface LevelShift {
	/** The series with the drop taken out (the part after it lifted). */
	readonly points: Point[];
	readonly drop: number;
	/** When the drop happened. */
	readonly at: number;
	/** The series has since climbed above where it was before the drop. */
	readonly regained: boolean;
	/** The floors from the drop on, as they were. */
	readonly after: Point[];
}

/** Merge floors of one event into the last of them. */
export function oneFloorPerEvent(points: readonly Point[]): Point[] {
	const merged: Point[] = [];
	for (const p of points) {
		if (merged.length > 0 && p.t - merged.at(-1)!.t < SAME_EVENT_MS) merged[merged.length - 1] = p;
		else merged.push(p);
	}
	return merged;
}

/**
 * The series without its one drop, or undefined when it has none (or too few points before it to fit). A drop
 * that is the last point is taken too: the series has just fallen and cannot have climbed back yet.
 */
export function withoutOneDrop(series: readonly Point[]): LevelShift | undefined {
	const points = oneFloorPerEvent(series);
	let at = -1;
	for (let i = 1; i < points.length; i++) {
		if (points[i].v < points[i - 1].v && (at < 0 || fall(points, i) > fall(points, at))) at = i;
	}
	if (at < 2) return undefined;
	const drop = fall(points, at);
	for (let i = 1; i < points.length; i++) if (i !== at && fall(points, i) > OTHER_FALLS_SHARE * drop) return undefined;
	const before = points.slice(0, at);
	const after = points.slice(at);
	const slope = sharedSlope(before, after);
	if (slope === undefined) return undefined;
	// Each part's line at its own mean; the lift makes the second line continue the first.
	const lift = intercept(before, slope) - intercept(after, slope);
	const regained = Math.max(...after.map((p) => p.v)) > Math.max(...before.map((p) => p.v));
	return { points: [...before, ...after.map((p) => ({ t: p.t, v: p.v + lift }))], drop, at: points[at].t, regained, after };
}

const fall = (points: readonly Point[], i: number) => points[i - 1].v - points[i].v;
const mean = (xs: readonly number[]) => xs.reduce((s, x) => s + x, 0) / xs.length;
const intercept = (part: readonly Point[], slope: number) => mean(part.map((p) => p.v)) - slope * mean(part.map((p) => p.t));

/** Least squares with one slope and an intercept per part (the slope within the parts, not across the drop). */
function sharedSlope(...parts: (readonly Point[])[]): number | undefined {
	let stt = 0;
	let stv = 0;
	for (const part of parts) {
		const mt = mean(part.map((p) => p.t));
		const mv = mean(part.map((p) => p.v));
		for (const p of part) {
			stt += (p.t - mt) ** 2;
			stv += (p.t - mt) * (p.v - mv);
		}
	}
	return stt === 0 ? undefined : stv / stt;
}

/**
 * judgeGrowth, but a series that climbs across one drop is judged without it: a leak once it has climbed back
 * past where it was, inconclusive while it is still climbing back (never "levelled off").
 */
export function judgeAcrossOneDrop(points: readonly Point[], rules: GrowthRules, format: (n: number) => string): GrowthJudgement {
	const plain = judgeGrowth(points, rules, format);
	const shift = withoutOneDrop(points);
	// A floor that ends level has stopped climbing; lifting the part after a fall within the level would draw a
	// climb that is not there. Settled, or with no fall inside it, the level stands; a young level with a fall
	// inside may be two parts of a slow climb around the runtime's one drop: too soon to tell.
	const level = plateauAtEnd(points);
	if (level && (!shift || shift.at <= level.since || isSettled(level, points))) return plain;
	if (level) return { ...plain, verdict: 'inconclusive', reason: `level for ${Math.round(level.lastedMs / 1000)} s, or climbing back after one drop of ${format(shift!.drop)}: watching` };
	const adjusted = shift && judgeGrowth(shift.points, rules, format);
	if (!shift || adjusted?.verdict !== 'leak') return plain;
	// After the drop the floor must climb on its own, step after step: a cache that reached its cap (a jump, then
	// flat) is no leak however its line looks with the drop taken out. Three steps at least tell.
	const climbing = shift.after.length >= MIN_STEPS_AFTER + 1 ? risingShare(shift.after, slopeThatMatters(points, rules)) >= rules.minGrowthShare : undefined;
	if (climbing === false) return plain;
	const drop = `one drop of ${format(shift.drop)}`;
	// Its slope is the one within the parts, which the drop no longer bends.
	if (shift.regained && climbing) return { ...adjusted, reason: `${adjusted.reason}, across ${drop} (the runtime trimmed something once)` };
	if (plain.verdict === 'leak') return plain;
	return { ...adjusted, verdict: 'inconclusive', reason: `climbing back after ${drop}: ${adjusted.reason.replace(/^grows /, '')}` };
}

const MIN_STEPS_AFTER = 3;
