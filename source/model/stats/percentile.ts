/** Nearest-rank percentile (p in 0..100) of values; undefined for none. Sorts a copy. */
export function percentile(values: readonly number[], p: number): number | undefined {
	if (values.length === 0) return undefined;
	return percentileOfSorted([...values].sort((a, b) => a - b), p);
}

/** Nearest-rank percentile of values already sorted ascending; undefined for none. */
export function percentileOfSorted(sorted: ArrayLike<number>, p: number): number | undefined {
	if (sorted.length === 0) return undefined;
	const rank = Math.ceil((p / 100) * sorted.length);
	return sorted[Math.min(sorted.length - 1, Math.max(0, rank - 1))];
}
