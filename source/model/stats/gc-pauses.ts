// GC pause statistics over a time window, like Go's PauseNs ring read as percentiles.
import type { GcEvent, GcKind } from '../../types.js';
import { percentile } from './percentile.js';

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
	const pauses: number[] = [];
	const byKind: Record<GcKind, number> = { minor: 0, major: 0, incremental: 0, weakcb: 0 };
	let total = 0;
	for (const event of events) {
		if (event.t < since || event.t > until) continue;
		pauses.push(event.pauseMs);
		byKind[event.kind]++;
		total += event.pauseMs;
	}
	const span = Math.max(1, until - since);
	return {
		count: pauses.length,
		byKind,
		totalPauseMs: total,
		p50Ms: percentile(pauses, 50),
		p99Ms: percentile(pauses, 99),
		maxMs: pauses.length ? Math.max(...pauses) : undefined,
		timePercent: (total / span) * 100,
	};
}
