// The share of wall time a target spent in GC pauses: one formula for the charts, the now panel, the process
// list, NDJSON and Prometheus, so the figures agree wherever they are shown.
import type { Tick } from '../history.js';

/** Pause time as a percentage of the span it fell in; undefined when there is no span to measure against. */
export function gcTimePercent(pauseMs: number, spanMs: number | undefined): number | undefined {
	return spanMs ? (pauseMs / spanMs) * 100 : undefined;
}

/** GC time over the ticks with since < t <= at: their pauses against the spans they were measured over. */
export function gcTimeOfTicks(ticks: readonly Tick[], since: number, at: number): number | undefined {
	let pause = 0;
	let span = 0;
	for (let i = ticks.length - 1; i >= 0 && ticks[i].t > since; i--) {
		const tick = ticks[i];
		if (tick.t > at || tick.gcPauseMs === undefined || !tick.reading?.spanMs) continue;
		pause += tick.gcPauseMs;
		span += tick.reading.spanMs;
	}
	return gcTimePercent(pause, span);
}
