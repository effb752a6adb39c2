// Binary search in a sorted column, shared by the lookups that keep runs or offsets instead of a value a row.

/** The last index below `count` whose entry is at most value (0 when none is: callers start at 0). */
export function lastAtOrBelow(sorted: Uint32Array, count: number, value: number): number {
	let low = 0;
	let high = count - 1;
	while (low < high) {
		const middle = (low + high + 1) >>> 1;
		if (sorted[middle] <= value) low = middle;
		else high = middle - 1;
	}
	return low;
}
