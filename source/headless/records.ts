// The NDJSON contract (README "JSON output"). A field that could not be read is left out, never written as 0.
import type { History, Tick } from '../model/history.js';
import { handleTotal } from '../model/reading-totals.js';
import type { GcEvent, Marker, Reading, TargetInfo } from '../types.js';
import { movingGcStats } from '../model/stats/gc-window.js';
import type { LiveTopStatus } from '../watch/live-top-status.js';
import type { Suspect } from '../model/profile/suspects.js';
import { keyOf, type Frame } from '../model/profile/top.js';
import type { LoggedAlert } from '../watch/watchdog.js';
import type { LeakReport } from '../model/leak/detect.js';
import type { HeldBy } from '../analysis/report.js';
import { formatPath } from '../model/heap-snapshot/retainers.js';
import type { HandleTraceReport } from '../types.js';
import { memtopVersion } from './memtop-version.js';

type Json = Record<string, unknown>;

/** Drop undefined fields so absent stays absent in the output. */
const compact = (record: Json): Json => Object.fromEntries(Object.entries(record).filter(([, v]) => v !== undefined));

export function targetRecord(info: TargetInfo): Json {
	const record: Json = { type: 'target', runtime: info.runtime, pid: info.pid, nodeVersion: info.nodeVersion, title: info.title, url: info.url, argv: info.argv };
	return info.thread ? { ...record, thread: { ...info.thread } } : record;
}

/** A process memtop cannot watch: the attach failed, or a child's inspector could not start. */
export function unwatchedRecord(note: { at: number; reason: string }): Json {
	return { type: 'unwatched', t: note.at, reason: note.reason };
}

/** One reading's record; the GC p99 is over the window up to it, from the history's GC events. */
export function sampleRecord(tick: Tick, history: History, windowMs: number): Json {
	const r: Reading | undefined = tick.reading;
	if (!r) return { type: 'sample', t: tick.t, gap: true };
	const window = movingGcStats(history, tick.t - windowMs, tick.t, 'record');
	const handles = handleTotal(r);
	return compact({
		type: 'sample',
		t: r.t,
		heapUsed: r.heapUsed,
		heapTotal: r.heapTotal,
		heapLimit: r.heapLimit,
		rss: r.rss,
		external: r.external,
		arrayBuffers: r.arrayBuffers,
		allocRate: tick.allocRate === undefined ? undefined : Math.round(tick.allocRate),
		gc: r.gc && compact({
			count: r.gc.count,
			minor: r.gc.minor,
			major: r.gc.major,
			pauseMs: tick.gcPauseMs,
			p99Ms: window.p99Ms,
			timePercent: tick.gcTimePercent,
		}),
		handles: handles === undefined ? undefined : { total: handles, byType: r.handles },
		dom: r.dom,
		loopDelay: r.loopDelayP50Ms === undefined ? undefined : { p50Ms: r.loopDelayP50Ms, p99Ms: r.loopDelayP99Ms },
		cpuPercent: r.cpuPercent,
	});
}

export function gcRecord(event: GcEvent): Json {
	return compact({ type: 'gc', t: Math.round(event.t), kind: event.kind, pauseMs: event.pauseMs, heapBefore: event.heapBefore, heapAfter: event.heapAfter });
}

/** The functions of the allocation top the record carries. */
export const TOP_RECORD_FUNCTIONS = 10;

export function topRecord(status: LiveTopStatus, t = Date.now()): Json {
	const top = status.top;
	if (!top) return compact({ type: 'top', t, error: status.text });
	return {
		type: 'top',
		t,
		sampleType: top.sampleType,
		total: Math.round(top.total),
		functions: top.functions.slice(0, TOP_RECORD_FUNCTIONS).map((f) => compact({
			name: f.name, url: f.url, line: f.line, flat: Math.round(f.flat), cum: Math.round(f.cum),
			growthPerMin: status.perMinute.has(keyOf(f)) ? Math.round(status.perMinute.get(keyOf(f))!) : undefined,
		})),
		// The growing functions as the leak view names them, so a replay shows them as they were.
		suspects: status.suspects?.map((s) => compact({
			name: s.name, url: s.url, line: s.line, growthBytesPerMin: Math.round(s.growthBytesPerMin), inUseBytes: Math.round(s.inUseBytes),
			via: s.via && frameOf(s.via), callers: s.callers.map(frameOf), callee: s.callee && frameOf(s.callee),
			calleeThrough: s.calleeThrough?.length ? s.calleeThrough.map(frameOf) : undefined, calleeFromSource: s.calleeFromSource || undefined,
		})),
	};
}

const frameOf = (f: Frame) => ({ name: f.name, url: f.url, line: f.line });

/** A mark on the charts: what happened to the target at that moment (a forced GC, a snapshot, a restart). */
export function markRecord(mark: Marker): Json {
	return { type: 'mark', t: Math.round(mark.t), label: mark.label, text: mark.text };
}

export function alertRecord(alert: LoggedAlert): Json {
	return compact({ type: 'alert', t: alert.t, text: alert.text, metric: alert.metric, value: alert.value, threshold: alert.threshold, artifact: alert.artifact, note: alert.note });
}

/** The run in one line, before `end`: the leak verdict with its evidence, and how many alerts tripped. */
export function summaryRecord(durationMs: number, report: LeakReport | undefined, suspects: readonly Suspect[] | undefined, alerts: number, traced?: HandleTraceReport, heldBy?: readonly HeldBy[]): Json {
	const leak = report && compact({
		verdict: report.verdict,
		kinds: report.kinds,
		heapSlopeBytesPerMin: report.heap.slopePerMin === undefined ? undefined : Math.round(report.heap.slopePerMin),
		externalSlopeBytesPerMin: report.external.slopePerMin === undefined ? undefined : Math.round(report.external.slopePerMin),
		handles: Object.fromEntries(report.handles.map((h) => [h.type, { start: h.start, end: h.end }])),
		suspects: suspects?.map((s) => compact({
			function: s.name, url: s.url, line: s.line, growthBytesPerMin: Math.round(s.growthBytesPerMin), via: s.via?.name,
			calledFrom: s.callers.map((c) => `${c.name} (${c.url}:${c.line})`),
			calls: s.callee && `${s.callee.name} (${s.callee.url}:${s.callee.line})`,
			callsThrough: s.calleeThrough?.length ? s.calleeThrough.map((f) => f.name) : undefined,
			callsReadFromSource: s.calleeFromSource || undefined,
		})),
		handleStacks: traced?.stacks.map((s) => ({ type: s.type, count: s.count, stack: s.stack })),
		heldBy: heldBy?.map((h) => compact({ class: h.name, added: h.added, addedBytes: h.addedSize, heldAt: h.holder && formatPath(h.holder.instance.path), shared: h.holder && `${h.holder.shared} of the ${h.holder.of} newest` })),
		need: report.need,
	});
	return compact({ type: 'summary', durationMs: Math.round(durationMs), leak: leak ?? { verdict: 'inconclusive', need: 'no reading was taken' }, alerts });
}

/**
 * The format of the records: raised when a record changes meaning or a field is removed (adding a field or a
 * record type does not change it). A reader takes every format up to its own, and a recording without a meta
 * record (before memtop 0.2) as format 0.
 */
export const RECORDING_FORMAT = 1;

/** The first record of every run: what wrote it, how it was read, so a recording can be read back on its own. */
export function metaRecord(config: { intervalMs: number; windowMs: number }): Json {
	return { type: 'meta', format: RECORDING_FORMAT, memtop: memtopVersion(), t: Date.now(), intervalMs: config.intervalMs, windowMs: config.windowMs };
}

export type EndReason = 'duration' | 'target-exit' | 'signal' | 'output-closed' | 'error' | 'quit';

export function endRecord(reason: EndReason, detail?: string): Json {
	return compact({ type: 'end', t: Date.now(), reason, detail });
}
