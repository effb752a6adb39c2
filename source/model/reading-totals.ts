// Totals over a reading's optional parts: absent when the runtime did not give the part, never 0.
import type { Reading } from '../types.js';

/** Active handles and requests of all types, if the runtime lists them. */
export function handleTotal(reading: Reading | undefined): number | undefined {
	if (!reading?.handles) return undefined;
	let total = 0;
	for (const n of Object.values(reading.handles)) total += n;
	return total;
}
