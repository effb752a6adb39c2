// What the replay screens show at the cursor, worked out from a recording the way the live screens work it out
// from the target: the leak verdict again from the readings and GC events up to the cursor (the evidence is
// the same figures memtop judged live), the alerts logged by then, and the allocation top last recorded.
import path from 'node:path';
import type { RecordedTarget, RecordedTop } from '../model/recording.js';
import type { TargetInfo } from '../types.js';
import type { LiveTopStatus } from '../watch/live-top-status.js';
import type { ShownAlert } from '../render/alert-banner.js';
import { detectLeaks, type LeakReport } from '../model/leak/detect.js';
import type { Point } from '../model/stats/trend.js';
import { keyOf } from '../model/profile/top.js';
import { historyRow } from '../watch/process-rows.js';
import type { ProcessRow } from '../watch/process-rows.js';
import { DEFAULT_KEEP_MS, firstAfter, type History } from '../model/history.js';

/**
 * What the screens look back over at the cursor: what the live history held (an hour, or the window when it is
 * longer), so that every figure (the major GCs counted, the verdict, the charts) is the one shown live then.
 */
const LOOK_BACK_MS = DEFAULT_KEEP_MS;

/** The target's readings the screens read at the cursor, as a History (a day of them never is one). */
export function historyAt(target: RecordedTarget, at: number, windowMs: number): History {
	return target.historyBetween(at - Math.max(windowMs, LOOK_BACK_MS), at);
}

/**
 * The verdict memtop gives over the window that ends at the cursor. Live, a process's worker threads' heaps are
 * taken out of the memory judged outside its heaps (they are in its RSS): from the recording, the same sums of
 * its workers' latest readings at each of its own.
 */
export function verdictAt(target: RecordedTarget, history: History, all: readonly RecordedTarget[], at: number, windowMs: number): LeakReport {
	return detectLeaks(history, at, windowMs, workerHeaps(target, history, all, at, windowMs));
}

function workerHeaps(target: RecordedTarget, history: History, all: readonly RecordedTarget[], at: number, windowMs: number): Point[] | undefined {
	const pid = target.info?.pid;
	if (target.info?.thread || pid === undefined) return undefined;
	const workers = all.filter((other) => other !== target && other.info?.thread && other.info.pid === pid)
		.map((worker) => ({ worker, history: worker.historyBetween(at - windowMs, at) }));
	if (workers.length === 0) return undefined;
	const ticks = history.ticks.filter((tick) => tick.reading && tick.t >= at - windowMs && tick.t <= at);
	return ticks.map((tick) => ({
		t: tick.t,
		v: workers.reduce((sum, { worker, history: theirs }) => {
			const r = tick.t <= worker.end ? theirs.latest(tick.t)?.reading : undefined; // a worker that ended counts no more
			return sum + (r ? r.heapTotal + (r.external ?? 0) : 0);
		}, 0),
	}));
}

/** The alerts that had tripped by the cursor, oldest first. */
export function alertsUpTo(target: RecordedTarget, at: number): readonly ShownAlert[] {
	return target.alerts.slice(0, firstAfter(target.alerts, at));
}

/** The allocation top as last recorded at or before the cursor; undefined before the first (or without sampling). */
export function topAt(target: RecordedTarget, at: number): LiveTopStatus | undefined {
	const index = firstAfter(target.tops, at) - 1;
	if (index < 0) return undefined;
	const top = target.tops[index];
	return statusOf(top, target.tops[0].t, readEvery(target.tops));
}

function statusOf(top: RecordedTop, since: number, readEveryMs: number): LiveTopStatus {
	const sampleType = top.sampleType ?? 'inuse_space/bytes';
	const perMinute = new Map(top.functions.filter((f) => f.growthPerMin !== undefined).map((f) => [keyOf(f), f.growthPerMin!]));
	return {
		suspects: top.suspects,
		view: { mode: sampleType.startsWith('alloc') ? 'alloc' : 'inuse', unit: sampleType.includes('space') ? 'space' : 'objects', foldInternals: false },
		top: top.error === undefined ? { sampleType, total: top.total ?? 0, functions: [...top.functions] } : undefined,
		text: top.error ?? `as recorded at ${new Date(top.t).toISOString().slice(11, 19)} UTC (a recording keeps the top functions only)`,
		perMinute, since, readEveryMs,
	};
}

/** How often the top was read: the typical step between its records. */
function readEvery(tops: readonly RecordedTop[]): number {
	const steps = tops.slice(1).map((top, i) => top.t - tops[i].t).sort((a, b) => a - b);
	return Math.round(steps[Math.floor(steps.length / 2)] ?? 0) || 10_000;
}

/** The target record as the header reads it; a recording that has none still names its inspector. */
export function infoOf(target: RecordedTarget): TargetInfo {
	const info = target.info ?? {};
	const text = (v: unknown) => (typeof v === 'string' ? v : undefined);
	const thread = info.thread as TargetInfo['thread'] | undefined;
	return {
		runtime: (text(info.runtime) ?? 'node') as TargetInfo['runtime'], pid: typeof info.pid === 'number' ? info.pid : undefined,
		nodeVersion: text(info.nodeVersion) ?? '', title: text(info.title) ?? target.key, url: text(info.url) ?? target.key,
		argv: Array.isArray(info.argv) ? info.argv.map(String) : [], startedAt: target.start, thread,
	};
}

/** The process list's rows at the cursor: a target not yet recorded is attaching, one whose recording ended is gone. */
export function recordedRows(targets: readonly RecordedTarget[], at: number, windowMs: number): ProcessRow[] {
	return targets.map((target) => {
		const info = infoOf(target);
		const port = /^wss?:\/\/[^/]*:(\d+)\//.exec(info.url)?.[1];
		const where = info.thread ? `#${info.thread.id}` : port ? `:${port}` : path.basename(target.key) || 'run';
		const before = at < target.start;
		const history = historyAt(target, at, windowMs);
		return historyRow({
			key: target.key, info, history, where, verdict: before ? undefined : verdictAt(target, history, targets, at, windowMs).verdict,
			state: before ? 'connecting' : 'live', gone: at > target.end,
		}, at, windowMs);
	});
}
