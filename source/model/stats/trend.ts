// How fast a value moves: least-squares slope over recent points, per minute.
export interface Point {
	readonly t: number;
	readonly v: number;
}

/** Slope of v over t in units per minute; undefined with fewer than 2 points or no time spread. */
export function slopePerMinute(points: readonly Point[]): number | undefined {
	if (points.length < 2) return undefined;
	let st = 0;
	let sv = 0;
	for (const p of points) {
		st += p.t;
		sv += p.v;
	}
	const mt = st / points.length;
	const mv = sv / points.length;
	let num = 0;
	let den = 0;
	for (const p of points) {
		num += (p.t - mt) * (p.v - mv);
		den += (p.t - mt) ** 2;
	}
	return den === 0 ? undefined : (num / den) * 60_000;
}
