// Everything a target says is data, and a target may lie: what comes back from the probe (or a page) is checked
// here before anything else sees it. Text loses its control characters (a title holding ESC [2J would clear
// the screen); a figure of the wrong type or out of range is absent, as a failed reading is; a reading without
// heap figures is a failed reading.
import type { GcEvent, GcKind, GcTotals, Reading, TargetInfo } from '../types.js';

// C0 and C1 controls and DEL: escape sequences begin with ESC or CSI, and BEL ends OSC.
const CONTROL = /[\u0000-\u001f\u007f-\u009f]/g;
const KINDS: readonly GcKind[] = ['minor', 'major', 'incremental', 'weakcb'];

/** A string with its control characters taken out; undefined for anything that is not a string. */
export const plainText = (value: unknown, max = 4096): string | undefined =>
	typeof value === 'string' ? value.slice(0, max).replace(CONTROL, '') : undefined;

/** A finite number not below zero, else undefined. */
export const amount = (value: unknown): number | undefined =>
	typeof value === 'number' && Number.isFinite(value) && value >= 0 ? value : undefined;

const record = (value: unknown): Record<string, unknown> => (typeof value === 'object' && value !== null ? (value as Record<string, unknown>) : {});
const defined = <T extends object>(o: T): T => Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as T;

/** The target's identity, checked: a pid must be a whole number, every text plain. Throws when it is no identity at all. */
export function checkedInfo(value: unknown): Omit<TargetInfo, 'url' | 'thread'> {
	const v = record(value);
	const runtime = v.runtime === 'node' || v.runtime === 'deno' || v.runtime === 'browser' ? v.runtime : undefined;
	if (!runtime) throw new Error('the target did not say what it is');
	const pid = amount(v.pid);
	const argv = Array.isArray(v.argv) ? v.argv.slice(0, 256).map((a) => plainText(a) ?? '') : [];
	return defined({
		runtime,
		pid: pid !== undefined && Number.isInteger(pid) && pid > 0 ? pid : undefined,
		nodeVersion: plainText(v.nodeVersion, 128) ?? '',
		title: plainText(v.title, 256) ?? '',
		argv,
		startedAt: amount(v.startedAt) ?? Date.now(),
	});
}

/** One reading, checked figure by figure; throws (a failed reading, shown as a gap) without the heap's. */
export function checkedReading(value: unknown): Reading {
	const v = record(value);
	const heapUsed = amount(v.heapUsed);
	const heapTotal = amount(v.heapTotal);
	if (heapUsed === undefined || heapTotal === undefined) throw new Error('the target sent a reading without its heap figures');
	const handles = v.handles === undefined ? undefined : checkedCounts(v.handles);
	const dom = record(v.dom);
	const domFigures = [dom.nodes, dom.listeners, dom.documents].map(amount);
	// The target's clock stamps its readings; one that is a day off is not believed.
	const t = amount(v.t);
	return defined({
		t: t !== undefined && Math.abs(t - Date.now()) < 86_400_000 ? t : Date.now(),
		heapUsed,
		heapTotal,
		heapLimit: amount(v.heapLimit),
		rss: amount(v.rss),
		external: amount(v.external),
		arrayBuffers: amount(v.arrayBuffers),
		allocatedBytes: amount(v.allocatedBytes),
		spanMs: amount(v.spanMs),
		handles,
		dom: domFigures.every((f) => f !== undefined) ? { nodes: domFigures[0]!, listeners: domFigures[1]!, documents: domFigures[2]! } : undefined,
		gc: v.gc === undefined ? undefined : checkedGcTotals(v.gc),
		loopDelayP50Ms: amount(v.loopDelayP50Ms),
		loopDelayP99Ms: amount(v.loopDelayP99Ms),
		cpuPercent: amount(v.cpuPercent),
		cpuUserSeconds: amount(v.cpuUserSeconds),
		cpuSystemSeconds: amount(v.cpuSystemSeconds),
	});
}

/** Handle counts by type: plain type names, whole counts. */
function checkedCounts(value: unknown): Record<string, number> | undefined {
	if (typeof value !== 'object' || value === null || Array.isArray(value)) return undefined;
	const out: Record<string, number> = {};
	for (const [type, count] of Object.entries(value).slice(0, 1000)) {
		const n = amount(count);
		if (n !== undefined && Number.isInteger(n)) out[plainText(type, 128)!] = n;
	}
	return out;
}

function checkedGcTotals(value: unknown): GcTotals | undefined {
	const v = record(value);
	const [count, minor, major, incremental, weakcb, pauseMs] = [v.count, v.minor, v.major, v.incremental, v.weakcb, v.pauseMs].map(amount);
	if ([count, minor, major, incremental, weakcb, pauseMs].some((f) => f === undefined)) return undefined;
	return { count: count!, minor: minor!, major: major!, incremental: incremental!, weakcb: weakcb!, pauseMs: pauseMs! };
}

/** A batch of GC events from the probe's binding: events of a known kind with a time and a pause; the rest dropped. */
export function checkedGcBatch(payload: unknown): { events: GcEvent[]; dropped: number } {
	let v: Record<string, unknown>;
	try {
		v = record(typeof payload === 'string' ? JSON.parse(payload) : payload);
	} catch {
		return { events: [], dropped: 0 };
	}
	const events: GcEvent[] = [];
	for (const raw of Array.isArray(v.events) ? v.events.slice(0, 10_000) : []) {
		const e = record(raw);
		const t = amount(e.t);
		const pauseMs = amount(e.pauseMs);
		if (t === undefined || pauseMs === undefined || !KINDS.includes(e.kind as GcKind)) continue;
		events.push(defined({ t, kind: e.kind as GcKind, pauseMs, heapBefore: amount(e.heapBefore), heapAfter: amount(e.heapAfter) }));
	}
	return { events, dropped: amount(v.dropped) ?? 0 };
}

/** A script the target has parsed (Debugger.scriptParsed), its fields checked: strings or absent. */
export interface LoadedScript {
	readonly scriptId: string;
	readonly url: string;
	/** A data: URL, or a URL relative to the script's. */
	readonly sourceMapURL?: string;
}

export function loadedScript(params: unknown): LoadedScript {
	const p = (params ?? {}) as Record<string, unknown>;
	const text = (v: unknown) => (typeof v === 'string' ? v : undefined);
	return { scriptId: text(p.scriptId) ?? '', url: text(p.url) ?? '', sourceMapURL: text(p.sourceMapURL) || undefined };
}

/** Receives a heap snapshot as it streams in (HeapProfiler.addHeapSnapshotChunk / reportHeapSnapshotProgress). */
export interface SnapshotSink {
	chunk(text: string): void;
	progress(done: number, total: number): void;
}

/** What Runtime.evaluate answers. */
export interface EvalResult {
	result: { value?: unknown; description?: string };
	exceptionDetails?: { text: string; exception?: { description?: string } };
}
