// One row per watched target for the process list, from the fleet's members: the data the list shows (the
// renderer, render/process-list-lines.ts, only lays it out). Pure but for reading the members' current state.
import { isGone, type Member } from './fleet.js';
import { handleTotal } from '../model/reading-totals.js';
import { gcTimeOfTicks } from '../model/stats/gc-time.js';
import path from 'node:path';
import type { ConnectionState, TargetInfo } from '../types.js';
import { targetName } from '../model/target-name.js';
import { firstAfter, type History, type Tick } from '../model/history.js';
import { bucketValues } from '../model/column-cache.js';

export interface ProcessRow {
	readonly key: string;
	readonly pid?: number;
	readonly title: string;
	/** Where it was found: a port, a child of the spawned command, a worker thread. */
	readonly where: string;
	readonly heapUsed?: number;
	readonly rss?: number;
	/** GC pause as a share of wall time over the last minute. */
	readonly gcTimePercent?: number;
	readonly handles?: number;
	/** Heap used over the window, oldest first; undefined where a reading failed. */
	readonly heapSeries: readonly (number | undefined)[];
	readonly verdict?: string;
	readonly state: ConnectionState | 'failed';
	readonly gone: boolean;
	readonly detail?: string;
}

const GC_WINDOW_MS = 60_000;

/**
 * Rows as of `at`, the chart window's worth of heap for the sparklines: live targets first, then by inspector
 * port with each worker thread right under its process, then by pid.
 */
export function processRows(members: readonly Member[], at: number, windowMs: number): ProcessRow[] {
	const order = new Map(members.map((m) => [m.key, sortKey(m)]));
	return members.map((member) => toRow(member, at, windowMs)).sort((a, b) =>
		Number(a.gone) - Number(b.gone) || order.get(a.key)!.localeCompare(order.get(b.key)!, 'en', { numeric: true }) || (a.pid ?? 0) - (b.pid ?? 0));
}

/** "09229/0", "09229/3": a worker's key starts with its parent's, whose port comes first. */
function sortKey(member: Member): string {
	const url = member.origin === 'worker' ? member.key : member.watched.monitor.info?.url ?? member.key;
	const port = /:(\d+)(?:[/#]|$)/.exec(url)?.[1] ?? '';
	const thread = member.watched.monitor.info?.thread?.id ?? '0';
	return `${port.padStart(5, '0')}/${thread}`;
}

function toRow(member: Member, at: number, windowMs: number): ProcessRow {
	const { monitor, watchdog } = member.watched;
	return historyRow({
		key: member.key, info: monitor.info, history: monitor.history, where: whereOf(member), verdict: watchdog.report?.verdict,
		state: member.failure !== undefined ? 'failed' : monitor.state, gone: isGone(member), detail: member.failure ?? monitor.stateDetail,
	}, at, windowMs);
}

/** What a row is made of, live or recorded: who the target is, its history and how it stands. */
export interface RowSource {
	readonly key: string;
	readonly info?: TargetInfo;
	readonly history: History;
	readonly where: string;
	readonly verdict?: string;
	readonly state: ProcessRow['state'];
	readonly gone: boolean;
	readonly detail?: string;
}

/** A row as of `at`: the figures of the reading then, the window's heap before it. */
export function historyRow(source: RowSource, at: number, windowMs: number): ProcessRow {
	const { info, history } = source;
	const reading = history.latest(at)?.reading;
	return {
		key: source.key,
		pid: info?.pid,
		title: info ? shortName(info) : '',
		where: source.where,
		heapUsed: reading?.heapUsed,
		rss: reading?.rss,
		gcTimePercent: gcTimeOfTicks(history.ticks, at - GC_WINDOW_MS, at),
		handles: handleTotal(reading),
		heapSeries: heapOverWindow(history, at, windowMs),
		verdict: source.verdict,
		state: source.state,
		gone: source.gone,
		detail: source.detail,
	};
}

/** More points than any sparkline is wide: past this, the window's readings are folded into this many columns. */
const SPARK_POINTS = 200;
const heapUsed = (tick: Tick) => tick.reading?.heapUsed;

/** The sparkline's series: each reading of the window while they are few, folded columns (kept as readings come) after. */
function heapOverWindow(history: History, at: number, windowMs: number): (number | undefined)[] {
	const { ticks } = history;
	const first = firstAfter(ticks, at - windowMs);
	const last = Math.max(first, firstAfter(ticks, at));
	if (last - first > SPARK_POINTS) return bucketValues(history, heapUsed, at, windowMs, SPARK_POINTS, 'last');
	return ticks.slice(first, last).map(heapUsed);
}

/** The list's narrow column: the script's file name and its arguments, not its whole path. */
function shortName(info: TargetInfo): string {
	if (info.runtime === 'browser') return info.title;
	if (info.thread) return `${info.thread.title} ${path.basename(info.thread.url)}`;
	const [script, ...rest] = targetName(info).split(' ');
	return [script.includes('/') ? path.basename(script) : script, ...rest].join(' ');
}

function whereOf(member: Member): string {
	if (member.origin === 'worker') return `#${member.watched.monitor.info?.thread?.id ?? /#(\d+)/.exec(member.key)?.[1]}`; // a worker thread's id
	const port = /^wss?:\/\/[^/]*:(\d+)\//.exec(member.watched.monitor.info?.url ?? member.key)?.[1];
	return port ? `:${port}` : member.origin;
}
