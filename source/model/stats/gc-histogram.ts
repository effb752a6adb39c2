// GC pauses counted into fixed buckets by kind since attaching: cumulative, as a Prometheus histogram needs
// (the history's event list is pruned by age, so counting it again would make a counter go down).
import type { GcEvent, GcKind } from '../../types.js';

/** Upper bounds in seconds: V8 pauses run from tens of microseconds (scavenges) to seconds (a huge mark-compact). */
export const GC_PAUSE_BUCKETS = [0.0001, 0.00025, 0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5] as const;

export interface KindCounts {
	/** counts[i]: pauses <= GC_PAUSE_BUCKETS[i] (cumulative, as Prometheus writes them); count is the +Inf bucket. */
	readonly buckets: number[];
	count: number;
	sumSeconds: number;
}

export class GcHistogram {
	readonly byKind = new Map<GcKind, KindCounts>();

	observe(events: readonly GcEvent[]): void {
		for (const event of events) {
			let counts = this.byKind.get(event.kind);
			if (!counts) this.byKind.set(event.kind, (counts = { buckets: GC_PAUSE_BUCKETS.map(() => 0), count: 0, sumSeconds: 0 }));
			const seconds = event.pauseMs / 1000;
			for (let i = 0; i < GC_PAUSE_BUCKETS.length; i++) if (seconds <= GC_PAUSE_BUCKETS[i]) counts.buckets[i]++;
			counts.count++;
			counts.sumSeconds += seconds;
		}
	}
}
