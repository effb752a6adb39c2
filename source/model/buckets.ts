// Fold a time window into a fixed number of chart columns. Each column covers window/columns of time;
// a column with no value is a gap (undefined), so a missing reading never draws as zero.
export type Reduce = 'mean' | 'max' | 'last';

export interface Timed {
	readonly t: number;
}

/** Column values for [end - windowMs, end], oldest first. */
export function bucketize<T extends Timed>(
	items: readonly T[],
	value: (item: T) => number | undefined,
	end: number,
	windowMs: number,
	columns: number,
	reduce: Reduce = 'mean',
): (number | undefined)[] {
	const out: (number | undefined)[] = new Array(columns).fill(undefined);
	if (columns <= 0) return out;
	const counts = new Array<number>(columns).fill(0);
	const start = end - windowMs;
	const width = windowMs / columns;
	for (const item of items) {
		if (item.t <= start || item.t > end) continue;
		const v = value(item);
		if (v === undefined || !Number.isFinite(v)) continue;
		const column = Math.min(columns - 1, Math.floor((item.t - start) / width));
		const old = out[column];
		if (old === undefined) out[column] = v;
		else if (reduce === 'max') out[column] = Math.max(old, v);
		else if (reduce === 'last') out[column] = v;
		else out[column] = old + v;
		counts[column]++;
	}
	if (reduce === 'mean') for (let i = 0; i < columns; i++) if (counts[i] > 1) out[i] = out[i]! / counts[i];
	return out;
}

/** The column a time falls in, or undefined outside the window. */
export function columnOf(t: number, end: number, windowMs: number, columns: number): number | undefined {
	const start = end - windowMs;
	if (t <= start || t > end) return undefined;
	return Math.min(columns - 1, Math.floor((t - start) / (windowMs / columns)));
}
