// Fold a time window into a fixed number of chart columns. Each column covers window/columns of time;
// a column with no value is a gap (undefined), so a missing reading never draws as zero.
export type Reduce = 'mean' | 'max' | 'last';

export interface Timed {
	readonly t: number;
}

/**
 * Column values for [end - windowMs, end], oldest first. When columns are narrower than the sampling
 * interval some hold no item by chance: those are bridged from the left when the readings either side are at
 * most `bridgeMs` apart. A column holding an item without a value (a failed reading) is never bridged.
 */
export function bucketize<T extends Timed>(
	items: readonly T[],
	value: (item: T) => number | undefined,
	end: number,
	windowMs: number,
	columns: number,
	reduce: Reduce = 'mean',
	bridgeMs = 0,
): (number | undefined)[] {
	const out: (number | undefined)[] = new Array(columns).fill(undefined);
	if (columns <= 0) return out;
	const counts = new Array<number>(columns).fill(0);
	const failed = new Array<boolean>(columns).fill(false);
	const lastT: number[] = new Array(columns).fill(NaN);
	const firstT: number[] = new Array(columns).fill(NaN);
	const start = end - windowMs;
	const width = windowMs / columns;
	for (const item of items) {
		if (item.t <= start || item.t > end) continue;
		const column = Math.min(columns - 1, Math.floor((item.t - start) / width));
		const v = value(item);
		if (v === undefined || !Number.isFinite(v)) {
			failed[column] = true;
			continue;
		}
		if (Number.isNaN(firstT[column])) firstT[column] = item.t;
		lastT[column] = item.t;
		const old = out[column];
		if (old === undefined) out[column] = v;
		else if (reduce === 'max') out[column] = Math.max(old, v);
		else if (reduce === 'last') out[column] = v;
		else out[column] = old + v;
		counts[column]++;
	}
	if (reduce === 'mean') for (let i = 0; i < columns; i++) if (counts[i] > 1) out[i] = out[i]! / counts[i];
	if (bridgeMs > 0) bridge(out, failed, firstT, lastT, bridgeMs);
	return out;
}

function bridge(out: (number | undefined)[], failed: boolean[], firstT: number[], lastT: number[], bridgeMs: number): void {
	let previous = -1;
	for (let i = 0; i < out.length; i++) {
		if (out[i] === undefined) continue;
		const gap = i - previous - 1;
		if (previous >= 0 && gap > 0 && firstT[i] - lastT[previous] <= bridgeMs && !failed.slice(previous + 1, i).some(Boolean)) {
			for (let j = previous + 1; j < i; j++) out[j] = out[previous];
		}
		previous = i;
	}
}

/** The column a time falls in, or undefined outside the window. */
export function columnOf(t: number, end: number, windowMs: number, columns: number): number | undefined {
	const start = end - windowMs;
	if (t <= start || t > end) return undefined;
	return Math.min(columns - 1, Math.floor((t - start) / (windowMs / columns)));
}
