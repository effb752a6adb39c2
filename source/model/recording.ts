// A recording (what memtop --json wrote) read back into the history memtop built live, one per target: the
// verdicts, charts and figures it gave can be worked out again from the file. Pure: text in, histories out.
import { History } from './history.js';
import type { GcEvent, GcKind, Reading } from '../types.js';

export interface RecordedTarget {
	/** The record's "target" (the inspector's address); '' in a recording of one target without it. */
	readonly key: string;
	readonly history: History;
	/** The first and last sample's time. */
	readonly start: number;
	readonly end: number;
}

type Json = Record<string, unknown>;
const num = (v: unknown) => (typeof v === 'number' && Number.isFinite(v) ? v : undefined);

/** The samples and GC events of each target, in time order, as histories. Lines that are not JSON are skipped. */
export function readRecording(text: string): RecordedTarget[] {
	const byKey = new Map<string, { samples: Json[]; gcs: GcEvent[] }>();
	for (const line of text.split('\n')) {
		let record: Json;
		try {
			record = JSON.parse(line) as Json;
		} catch {
			continue;
		}
		const key = typeof record.target === 'string' ? record.target : '';
		const target = byKey.get(key) ?? { samples: [], gcs: [] };
		byKey.set(key, target);
		if (record.type === 'sample' && !record.gap && num(record.t) !== undefined) target.samples.push(record);
		const t = num(record.t);
		if (record.type === 'gc' && t !== undefined) target.gcs.push({ t, kind: record.kind as GcKind, pauseMs: num(record.pauseMs) ?? 0, heapBefore: num(record.heapBefore), heapAfter: num(record.heapAfter) });
	}
	return [...byKey].filter(([, target]) => target.samples.length > 0).map(([key, { samples, gcs }]) => {
		const history = new History(Infinity);
		samples.sort((a, b) => (a.t as number) - (b.t as number));
		gcs.sort((a, b) => a.t - b.t);
		let g = 0;
		let previous: number | undefined;
		for (const sample of samples) {
			const reading = readingOf(sample, previous);
			// GC events go in before the reading of the interval they happened in, as they arrive live.
			const upTo = gcs.slice(g).findIndex((e) => e.t > reading.t);
			const batch = upTo < 0 ? gcs.slice(g) : gcs.slice(g, g + upTo);
			if (batch.length > 0) history.addGcEvents(batch);
			g += batch.length;
			history.addReading(reading);
			previous = reading.t;
		}
		if (g < gcs.length) history.addGcEvents(gcs.slice(g));
		return { key, history, start: samples[0].t as number, end: samples.at(-1)!.t as number };
	});
}

/** A sample record as the Reading it was made from (GC counters are per interval there, so left out). */
function readingOf(sample: Json, previous: number | undefined): Reading {
	const t = sample.t as number;
	const handles = sample.handles as { byType?: Record<string, number> } | Record<string, number> | undefined;
	const loop = sample.loopDelay as { p50Ms?: number; p99Ms?: number } | undefined;
	const spanMs = previous === undefined ? undefined : t - previous;
	const allocRate = num(sample.allocRate);
	return {
		t, heapUsed: num(sample.heapUsed) ?? 0, heapTotal: num(sample.heapTotal) ?? 0, heapLimit: num(sample.heapLimit), rss: num(sample.rss),
		external: num(sample.external), arrayBuffers: num(sample.arrayBuffers), spanMs,
		allocatedBytes: allocRate !== undefined && spanMs ? (allocRate * spanMs) / 1000 : undefined,
		handles: handles && 'byType' in handles ? (handles.byType as Record<string, number>) : (handles as Record<string, number> | undefined),
		loopDelayP50Ms: loop?.p50Ms, loopDelayP99Ms: loop?.p99Ms, cpuPercent: num(sample.cpuPercent),
	};
}
