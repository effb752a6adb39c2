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
	const sums = new PrefixSums(points);
	const whole = sums.lineError(n);
	if (whole <= 0) return undefined; // a perfect line (or a flat series): nothing levelled off
	let best: { at: number; error: number } | undefined;
	for (let at = 2; at <= n - MIN_LEVEL_POINTS; at++) {
		const error = sums.lineError(at) + sums.levelErrorFrom(at);
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

/**
 * Running sums over the points, so each break point's two fits cost O(1): every break is tried on each reading,
 * and an hour's window holds hundreds of floors. Times and values are taken from the first point's, in seconds
 * and as they are, which keeps the squares far from where doubles lose precision.
 */
class PrefixSums {
	private readonly n: number;
	private readonly t: Float64Array;
	private readonly v: Float64Array;
	private readonly tt: Float64Array;
	private readonly tv: Float64Array;
	private readonly vv: Float64Array;

	constructor(points: readonly Point[]) {
		this.n = points.length;
		[this.t, this.v, this.tt, this.tv, this.vv] = Array.from({ length: 5 }, () => new Float64Array(points.length + 1));
		points.forEach((p, i) => {
			const t = (p.t - points[0].t) / 1000;
			const v = p.v - points[0].v;
			this.t[i + 1] = this.t[i] + t;
			this.v[i + 1] = this.v[i] + v;
			this.tt[i + 1] = this.tt[i] + t * t;
			this.tv[i + 1] = this.tv[i] + t * v;
			this.vv[i + 1] = this.vv[i] + v * v;
		});
	}

	/** Squared error of the first k points about their least-squares line. */
	lineError(k: number): number {
		const stt = this.tt[k] - (this.t[k] * this.t[k]) / k;
		const stv = this.tv[k] - (this.t[k] * this.v[k]) / k;
		const svv = this.vv[k] - (this.v[k] * this.v[k]) / k;
		return Math.max(0, stt > 0 ? svv - (stv * stv) / stt : svv);
	}

	/** Squared error of the points from index `at` on about their mean: a level. */
	levelErrorFrom(at: number): number {
		const k = this.n - at;
		const sv = this.v[this.n] - this.v[at];
		return Math.max(0, this.vv[this.n] - this.vv[at] - (sv * sv) / k);
	}
}
