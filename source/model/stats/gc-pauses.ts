// GC pause statistics over a time window, like Go's PauseNs ring read as percentiles.
import type { GcEvent, GcKind } from '../../types.js';
import { percentileOfSorted } from './percentile.js';
import { gcTimePercent } from './gc-time.js';

export interface GcWindowStats {
	readonly count: number;
	readonly byKind: Readonly<Record<GcKind, number>>;
	readonly totalPauseMs: number;
	readonly p50Ms?: number;
	readonly p99Ms?: number;
	readonly maxMs?: number;
	/** Share of the window's wall time spent in GC pauses. */
	readonly timePercent: number;
}

/** Pause statistics of the events with since <= t <= until. */
export function gcWindowStats(events: readonly GcEvent[], since: number, until: number): GcWindowStats {
	// A busy target makes hundreds of GCs a second: this runs every frame over up to an hour of them, so it
	// sorts one typed array (native numeric sort, no boxing) and never spreads the pauses into a call.
	const byKind: Record<GcKind, number> = { minor: 0, major: 0, incremental: 0, weakcb: 0 };
	let first = events.length;
	while (first > 0 && events[first - 1].t >= since) first--; // events are in time order: scan only the window
	const pauses = new Float64Array(events.length - first);
	let count = 0;
	let total = 0;
	for (let i = first; i < events.length; i++) {
		const event = events[i];
		if (event.t < since || event.t > until) continue;
		pauses[count++] = event.pauseMs;
		byKind[event.kind]++;
		total += event.pauseMs;
	}
	const sorted = pauses.subarray(0, count).sort();
	const span = Math.max(1, until - since);
	return {
		count,
		byKind,
		totalPauseMs: total,
		p50Ms: percentileOfSorted(sorted, 50),
		p99Ms: percentileOfSorted(sorted, 99),
		maxMs: count ? sorted[count - 1] : undefined,
		timePercent: gcTimePercent(total, span)!,
	};
}
