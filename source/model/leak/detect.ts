// Leak verdicts over the watch window, from what the history holds: the JS heap judged on the heap left after
// major GCs (or, where they are rare, the lower envelope of heap used), memory outside the heap (external, which
// includes array buffers) and RSS on their lower envelopes, and each handle type on its own. Pure.
import { firstAfter, firstAtOrAfter, type History, type Tick } from '../history.js';
import type { Reading } from '../../types.js';
import type { Point } from '../stats/trend.js';
import { formatBytes } from '../format.js';
import { judgeGrowth, lowerEnvelope, type GrowthJudgement, type GrowthRules, type Verdict } from './growth.js';
import { judgeAcrossOneDrop } from './level-shift.js';

export type LeakKind = 'heap' | 'external' | 'rss' | 'handles';
/** What the heap was judged on: every major GC's floor, the lowest of them (floors taken mid-batch vary), or heap used. */
export type HeapBasis = 'major GC floors' | 'lowest major GC floors' | 'lower envelope of heap used';

export interface HandleJudgement extends GrowthJudgement {
	readonly type: string;
	readonly start: number; // count in the first reading of the window (the baseline at attach)
	readonly end: number;
}

export interface LeakReport {
	readonly verdict: Verdict;
	readonly kinds: LeakKind[];
	readonly at: number;
	readonly watchedMs: number;
	readonly heap: GrowthJudgement & { readonly basis: HeapBasis };
	readonly external: GrowthJudgement;
	readonly rss: GrowthJudgement;
	readonly handles: HandleJudgement[];
	/** For an inconclusive verdict: what more is needed. */
	readonly need?: string;
	/**
	 * The heap's floor rises, but too few major GCs have run to tell garbage waiting in the old generation from
	 * a leak: a full GC now would settle it (the watchdog forces one, spaced out).
	 */
	readonly confirmWithGc?: boolean;
}

/** A verdict needs this much watching: fewer points than this are noise. */
export const MIN_WATCH_MS = 30_000;
const ENVELOPE_BUCKETS = 12;
const MIN_MAJOR_FLOORS = 3;
/** Floors this far apart, the lowest of each slice, when the floors themselves vary too much to judge. */
const LOWEST_FLOOR_MS = 15_000;

const BYTES: GrowthRules = { minSlopePerMin: 256 * 1024, minRelativeSlopePerMin: 0.01, minPoints: 6, minR2: 0.6, minGrowthShare: 0.6, minTailRatio: 0.3 };
const FLOORS: GrowthRules = { ...BYTES, minPoints: MIN_MAJOR_FLOORS };
// Memory outside the heaps also grows while a young process warms up (code, malloc arenas): only a steep,
// steady rise counts, and only after RSS_WATCH_MS: Node 26 grows it by 5-10 MB in its first minute (seen under a
// healthy sawtooth: a steady 7 MB/min for 35 s, then a jump of 5.8 MB at 50 s, flat after).
const RSS: GrowthRules = { ...BYTES, minSlopePerMin: 1024 * 1024, minRelativeSlopePerMin: 0.02, minR2: 0.8 };
export const RSS_WATCH_MS = 120_000;
// Handles are few and exact: a handful a minute that never goes back down is already a leak.
const HANDLES: GrowthRules = { minSlopePerMin: 3, minRelativeSlopePerMin: 0.05, minPoints: 6, minR2: 0.6, minGrowthShare: 0.6, minTailRatio: 0.3 };

const bytesPerMin = (n: number) => formatBytes(n);
const count = (n: number) => n.toFixed(n >= 10 || n <= -10 ? 0 : 1);

/** inWorkers: the heaps of the process's worker threads over time, which its RSS holds besides this thread's. */
export function detectLeaks(history: History, at: number, windowMs: number, inWorkers?: readonly Point[]): LeakReport {
	// Only the window's readings: the history holds an hour whatever the window (found by halving, not a scan).
	const all = history.ticks;
	const ticks = all.slice(firstAtOrAfter(all, at - windowMs), firstAfter(all, at)).filter((t) => t.reading);
	const from = ticks[0]?.t ?? at;
	const watchedMs = at - from;
	// A figure the runtime does not give leaves no point: its envelope is empty and judged inconclusive.
	const envelope = (pick: (r: Reading) => number | undefined) => envelopeOf(ticks, pick, from, at);

	const floors = history.majorFloors.slice(firstAtOrAfter(history.majorFloors, from), firstAfter(history.majorFloors, at)).map((f) => ({ t: f.t, v: f.heapAfter }));
	const { heap, confirmWithGc } = judgeHeap(floors, envelope((r) => r.heapUsed).points, from, at);
	const external = judgeGrowth(envelope((r) => r.external).points, BYTES, bytesPerMin);
	// RSS less what V8 has committed for its heap and what it counts as external: memory outside both, where a
	// native leak shows. RSS itself also climbs while the heap grows into its size, which is not a leak.
	// Readings come in time order, as do the workers' figures: one cursor walks both (a window of an hour holds
	// thousands of each).
	let cursor = -1;
	const workersAt = (t: number) => {
		while (inWorkers && cursor + 1 < inWorkers.length && inWorkers[cursor + 1].t <= t) cursor++;
		return cursor >= 0 ? inWorkers![cursor].v : 0;
	};
	const outside = judgeGrowth(envelope((r) => (r.rss === undefined ? undefined : r.rss - r.heapTotal - (r.external ?? 0) - workersAt(r.t))).points, RSS, bytesPerMin);
	const rss = watchedMs >= RSS_WATCH_MS || outside.verdict !== 'leak' ? outside
		: { ...outside, verdict: 'inconclusive' as const, reason: `${outside.reason}; memory outside the heaps is judged after ${RSS_WATCH_MS / 1000} s (a young process grows it as it warms up)` };
	const types = new Set<string>();
	for (const tick of ticks) for (const type in tick.reading!.handles) types.add(type);
	const handles = [...types].sort().map((type) => {
		const { points, first, last } = envelope((r) => (r.handles ? r.handles[type] ?? 0 : undefined));
		return { type, start: first!, end: last!, ...judgeGrowth(points, HANDLES, count) };
	});

	if (watchedMs < MIN_WATCH_MS) {
		const need = `${Math.ceil((MIN_WATCH_MS - watchedMs) / 1000)} s more watching (a verdict needs ${MIN_WATCH_MS / 1000} s)`;
		return { verdict: 'inconclusive', kinds: [], at, watchedMs, heap, external, rss, handles, need };
	}
	const kinds: LeakKind[] = [];
	if (heap.verdict === 'leak') kinds.push('heap');
	if (external.verdict === 'leak') kinds.push('external');
	// RSS alone: memory outside both heaps (a native leak); when the heap or buffers grow, RSS follows them.
	if (rss.verdict === 'leak' && kinds.length === 0) kinds.push('rss');
	if (handles.some((h) => h.verdict === 'leak')) kinds.push('handles');
	if (kinds.length > 0) return { verdict: 'leak', kinds, at, watchedMs, heap, external, rss, handles, confirmWithGc };
	const open = [heap, external, ...handles].filter((j) => j.verdict === 'inconclusive');
	if (open.length === 0) return { verdict: 'no-leak', kinds, at, watchedMs, heap, external, rss, handles };
	return { verdict: 'inconclusive', kinds, at, watchedMs, heap, external, rss, handles, confirmWithGc, need: confirmWithGc ? 'a few full GCs to confirm the heap floor is rising' : `longer watching: ${open[0].reason}` };
}

/**
 * The lower envelope of one figure over the window's readings (see lowerEnvelope), and its first and last
 * values, in one pass that builds no series: this runs for every figure and handle type on every judgment.
 */
function envelopeOf(ticks: readonly Tick[], pick: (r: Reading) => number | undefined, from: number, at: number): { points: Point[]; first?: number; last?: number } {
	const mins: (Point | undefined)[] = new Array(ENVELOPE_BUCKETS).fill(undefined);
	const width = (at - from) / ENVELOPE_BUCKETS;
	let first: number | undefined;
	let last: number | undefined;
	for (const tick of ticks) {
		const v = pick(tick.reading!);
		if (v === undefined || Number.isNaN(v)) continue;
		first ??= v;
		last = v;
		const i = Math.min(ENVELOPE_BUCKETS - 1, Math.floor((tick.t - from) / width));
		if (width > 0 && (!mins[i] || v < mins[i]!.v)) mins[i] = { t: tick.t, v };
	}
	return { points: mins.filter((p): p is Point => p !== undefined), first, last };
}

/** The JS heap: on the floors major GCs leave when there are enough of them, else on heap used's lower envelope. */
function judgeHeap(floors: Point[], heapEnvelope: Point[], from: number, at: number): { heap: LeakReport['heap']; confirmWithGc: boolean } {
	const byFloors = floors.length >= MIN_MAJOR_FLOORS;
	let heap: LeakReport['heap'] = byFloors
		? { ...judgeAcrossOneDrop(floors, FLOORS, bytesPerMin), basis: 'major GC floors' }
		: { ...judgeAcrossOneDrop(heapEnvelope, BYTES, bytesPerMin), basis: 'lower envelope of heap used' };
	// A batch job's data is live while it runs: a major GC then leaves a floor as high as the batch (3 MB and
	// 96 MB in one run), and the floors go every which way (no line explains them). What the heap falls back
	// to at its lowest, the lowest floor of each 15 s, is then the floor that tells.
	if (byFloors && heap.verdict === 'inconclusive' && (heap.r2 ?? 1) < FLOORS.minR2) {
		const lowest = judgeAcrossOneDrop(lowerEnvelope(floors, from, at, Math.floor((at - from) / LOWEST_FLOOR_MS)), FLOORS, bytesPerMin);
		if (lowest.verdict !== 'inconclusive') heap = { ...lowest, basis: 'lowest major GC floors', reason: `${lowest.reason} (the lowest floor of each ${LOWEST_FLOOR_MS / 1000} s)` };
	}
	// Between major GCs, dead objects promoted to the old generation raise the envelope just as a leak does (a
	// cache evicting into old space looks the same): without floors, a rising envelope is only a suspicion.
	const confirmWithGc = !byFloors && heap.verdict === 'leak';
	if (confirmWithGc) heap = { ...heap, verdict: 'inconclusive', reason: `${heap.reason}; ${floors.length} of ${MIN_MAJOR_FLOORS} major GCs to tell garbage from a leak` };
	return { heap, confirmWithGc };
}
