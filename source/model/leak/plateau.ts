// Grew, then stopped: a cache that reached its cap, a warm-up that filled its tables. Such a floor fits a line
// well enough while the climb is most of the window, so a line alone calls it a leak. Here the floor is also
// fitted as "a line, then a level" (the best break point); when that explains the points far better than one
// line, the floor has levelled off. A leak's floor keeps climbing, and "then a level" fits it no better.
import type { Point } from '../stats/trend.js';
import { oneFloorPerEvent } from './level-shift.js';

export interface Plateau {
	/** When the level began: the first point of the flat part. */
	readonly since: number;
	readonly level: number;
	/** How long the floor has stayed level, up to the last point. */
	readonly lastedMs: number;
	/** The flat part's points. */
	readonly points: number;
}

/** The flat part needs this many points, so three floors that happen to agree (a drop between two) are not yet a level. */
const MIN_LEVEL_POINTS = 4;
/** ... over this long at least. */
const MIN_LEVEL_MS = 15_000;
/** "A line, then a level" must leave at most this share of one line's squared error. */
const BETTER_BY = 0.5;

/** A level that lasted this long (and a third of the watch) is where the floor settled. */
const SETTLED_MS = 20_000;

/** Level for a third of the watch and 20 s at least: a cap reached, or a warm-up done. Less: not a leak yet. */
export function isSettled(level: Plateau, points: readonly Point[]): boolean {
	return level.lastedMs >= Math.max(SETTLED_MS, (points.at(-1)!.t - points[0].t) / 3);
}

/** The level the series ends on, when "a line, then a level" fits it far better than one line; else undefined. */
export function plateauAtEnd(series: readonly Point[]): Plateau | undefined {
	const points = oneFloorPerEvent(series); // back-to-back GCs are one floor, not two points of a level
	const n = points.length;
	if (n < 2 + MIN_LEVEL_POINTS) return undefined;
	const whole = lineError(points);
	if (whole === 0) return undefined; // a perfect line (or a flat series): nothing levelled off
	let best: { at: number; error: number } | undefined;
	for (let at = 2; at <= n - MIN_LEVEL_POINTS; at++) {
		const error = lineError(points.slice(0, at)) + levelError(points.slice(at));
		if (!best || error < best.error) best = { at, error };
	}
	if (!best || best.error > BETTER_BY * whole) return undefined;
	const flat = points.slice(best.at);
	// The level must sit at or above the climb's end (a fall to a lower level is a drop, judged elsewhere), and be
	// level: a part that climbs on at the old pace after a fall is the same climb.
	if (mean(flat) < points[best.at - 1].v - spread(flat)) return undefined;
	if (Math.abs(slopeOf(flat)) > LEVEL_SLOPE_SHARE * Math.abs(slopeOf(points.slice(0, best.at)))) return undefined;
	const lastedMs = points[n - 1].t - flat[0].t;
	return lastedMs < MIN_LEVEL_MS ? undefined : { since: flat[0].t, level: mean(flat), lastedMs, points: flat.length };
}

const mean = (part: readonly Point[]) => part.reduce((s, p) => s + p.v, 0) / part.length;
const spread = (part: readonly Point[]) => Math.max(...part.map((p) => p.v)) - Math.min(...part.map((p) => p.v));

/** A level moves at most this share of the climb's slope. */
const LEVEL_SLOPE_SHARE = 0.25;

/** The least-squares slope of the points (per ms). */
function slopeOf(part: readonly Point[]): number {
	const mt = part.reduce((s, p) => s + p.t, 0) / part.length;
	const mv = mean(part);
	let stt = 0;
	let stv = 0;
	for (const p of part) {
		stt += (p.t - mt) ** 2;
		stv += (p.t - mt) * (p.v - mv);
	}
	return stt === 0 ? 0 : stv / stt;
}

/** Squared error of the points about their mean: a level. */
function levelError(part: readonly Point[]): number {
	const m = mean(part);
	return part.reduce((s, p) => s + (p.v - m) ** 2, 0);
}

/** Squared error of the points about their least-squares line. */
function lineError(part: readonly Point[]): number {
	const mt = part.reduce((s, p) => s + p.t, 0) / part.length;
	const mv = mean(part);
	const slope = slopeOf(part);
	return part.reduce((s, p) => s + (p.v - (mv + slope * (p.t - mt))) ** 2, 0);
}
