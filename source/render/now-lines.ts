// The "now" panel's rows: current values and their trends, as label/value text. Pure.
import { firstAfter, type History } from '../model/history.js';
import { movingGcStats } from '../model/stats/gc-window.js';
import { slopePerMinute } from '../model/stats/trend.js';
import { formatBytes, formatCount, formatBytesPerMinute, formatMs, formatPercent, formatDuration } from '../model/format.js';
import type { TargetInfo } from '../types.js';
import type { LiveTopStatus } from '../watch/live-top-status.js';
import path from 'node:path';

export interface NowLine {
	readonly label: string;
	readonly value: string;
	readonly note?: string; // a trend or a detail, dimmed
	readonly warn?: boolean;
}

const TREND_MS = 60_000;

/** Rows for the panel as of time `at` (the freeze time when frozen). */
export function nowLines(history: History, at: number, windowMs: number, info?: TargetInfo): NowLine[] {
	const { ticks } = history;
	const end = firstAfter(ticks, at); // the ticks up to `at`: all of them, unless the screen is frozen
	const latest = history.latest(at);
	const r = latest?.reading;
	if (!r) return [{ label: 'waiting', value: 'for the first reading' }];
	const recent = ticks.slice(firstAfter(ticks, at - TREND_MS), end).filter((t) => t.reading);
	const trend = (pick: (t: (typeof recent)[number]) => number | undefined) => formatBytesPerMinute(slopePerMinute(recent.flatMap((t) => {
		const v = pick(t);
		return v === undefined ? [] : [{ t: t.t, v }];
	})));
	// Over what was actually watched: right after attaching, the window is mostly time we did not see.
	const gc = movingGcStats(history, Math.max(at - windowMs, ticks[0]?.t ?? at), at, 'screen');
	const floors = history.majorFloors;
	const floorCount = firstAfter(floors, at);
	const lastFloor = floors[floorCount - 1];
	const handles = Object.entries(r.handles ?? {}).sort((a, b) => b[1] - a[1]);
	const handleTotal = handles.reduce((sum, [, n]) => sum + n, 0);
	const stale = latest !== ticks[end - 1];
	// Rows for what the runtime gives and nothing else: Deno and browsers have no GC events or handle lists here.
	// Node gives all of them (some only from the second reading): its rows stay put while they fill in.
	const node = (info?.runtime ?? 'node') === 'node';
	const when = (given: boolean, lines: NowLine[]) => (node || given ? lines : []);
	return [
		{ label: 'heap used', value: formatBytes(r.heapUsed), note: trend((t) => t.reading!.heapUsed) },
		{ label: 'heap total', value: formatBytes(r.heapTotal), note: r.heapLimit === undefined ? undefined : `limit ${formatBytes(r.heapLimit)}` },
		...when(r.rss !== undefined, [{ label: 'rss', value: formatBytes(r.rss), note: trend((t) => t.reading!.rss) }]),
		...when(r.external !== undefined, [{ label: 'external', value: formatBytes(r.external), note: r.arrayBuffers === undefined ? undefined : `buffers ${formatBytes(r.arrayBuffers)}` }]),
		...(r.dom === undefined ? [] : [
			{ label: 'dom nodes', value: String(r.dom?.nodes), note: trend((t) => t.reading!.dom?.nodes).replace(/ ?B\/min/, '/min') },
			{ label: 'listeners', value: String(r.dom?.listeners), note: `${r.dom?.documents} documents` },
		]),
		{ label: 'alloc rate', value: latest.allocRate === undefined ? '–' : `${formatBytes(latest.allocRate)}/s` },
		...when(r.gc !== undefined, [
			{ label: 'after major', value: formatBytes(lastFloor?.heapAfter), note: floorCount ? `${floorCount} major GCs` : 'no major GC yet' },
			{ label: 'gc time', value: formatPercent(gc.timePercent), note: `${gc.count} GCs in window`, warn: gc.timePercent > 10 },
			{ label: 'gc pause', value: `p50 ${formatMs(gc.p50Ms)}`, note: `p99 ${formatMs(gc.p99Ms)} max ${formatMs(gc.maxMs)}` },
			{ label: 'gc kinds', value: `${gc.byKind.minor} minor`, note: `${gc.byKind.major} major ${gc.byKind.incremental} incr` },
		]),
		...when(r.handles !== undefined, [
			{ label: 'handles', value: String(handleTotal), note: handles.slice(0, 2).map(([type, n]) => `${type} ${n}`).join(' ') },
			...handles.slice(2, 5).map(([type, n]) => ({ label: '', value: '', note: `${type} ${n}` })),
		]),
		...when(r.loopDelayP50Ms !== undefined, [{ label: 'loop delay', value: `p50 ${formatMs(r.loopDelayP50Ms)}`, note: `p99 ${formatMs(r.loopDelayP99Ms)}`, warn: (r.loopDelayP99Ms ?? 0) > 100 }]),
		...when(r.cpuPercent !== undefined, [{ label: 'cpu', value: formatPercent(r.cpuPercent) }]),
		{ label: 'uptime', value: info ? formatDuration(r.t - info.startedAt) : '–' },
		...(stale ? [{ label: 'last read', value: `${formatDuration(at - r.t)} ago`, warn: true }] : []),
		...(history.droppedGcEvents > 0 ? [{ label: 'gc dropped', value: String(history.droppedGcEvents), note: 'GC storm: events over cap', warn: true }] : []),
	];
}

/** The allocation top's first rows for the now panel: the live top in brief, under the current values. */
export function topBriefLines(status: LiveTopStatus | undefined, rows: number): NowLine[] {
	const top = status?.top;
	if (!status || rows < 3) return [];
	const value = (n: number) => (status.view.unit === 'space' ? formatBytes(n) : formatCount(n));
	const head: NowLine = { label: status.view.mode === 'inuse' ? 'in use by' : 'allocated by', value: top ? `${value(top.total)} sampled` : '–', note: 't: full top' };
	if (!top) return [head, { label: '', value: '', note: status.text ?? 'waiting for the first profile' }];
	return [head, ...top.functions.filter((f) => f.flat > 0).slice(0, rows - 1).map((f) => ({ label: `  ${value(f.flat)}`, value: f.name, note: f.url ? `${path.basename(f.url)}:${f.line}` : undefined }))];
}
