// GC pause statistics over a window that moves with every frame and reading, kept as events enter and leave it,
// so their cost is the events that moved, not the events the window holds (an hour of a busy target holds
// 200,000). Percentiles come from a histogram of log-spaced bins 0.5% wide: within 0.25% of the exact nearest-
// rank value (gc-pauses.ts, which sorts the window), far finer than the two or three digits shown.
import type { GcEvent, GcKind } from '../../types.js';
import { firstAfter, firstAtOrAfter, type History } from '../history.js';
import { gcTimePercent } from './gc-time.js';
import type { GcWindowStats } from './gc-pauses.js';

const SMALLEST_MS = 0.001;
const GROWTH = 1.005;
const BINS = Math.ceil(Math.log(1e6 / SMALLEST_MS) / Math.log(GROWTH)) + 2; // up to 1000 s
const binOf = (ms: number) => (ms <= SMALLEST_MS ? 0 : Math.min(BINS - 1, 1 + Math.floor(Math.log(ms / SMALLEST_MS) / Math.log(GROWTH))));
/** A bin's value: the geometric middle of what it holds. */
const valueOf = (bin: number) => (bin === 0 ? SMALLEST_MS : SMALLEST_MS * GROWTH ** (bin - 0.5));

/** The events of one window of one history, as histogram bins and running sums. */
export class GcPauseWindow {
	private readonly bins = new Uint32Array(BINS);
	private byKind: Record<GcKind, number> = { minor: 0, major: 0, incremental: 0, weakcb: 0 };
	private total = 0;
	// The window holds events lo..hi-1, counted over everything the history ever held; their pauses and kinds
	// are kept here too, since the history may have pruned them by the time they leave the window.
	private lo = 0;
	private hi = 0;
	private held: { pauseMs: number; kind: GcKind }[] = [];
	private head = 0;

	/** Pause statistics of the events with since <= t <= until. */
	stats(history: History, since: number, until: number): GcWindowStats {
		this.moveTo(history, since, until);
		const count = this.hi - this.lo;
		return {
			count,
			byKind: { ...this.byKind },
			totalPauseMs: this.total,
			p50Ms: this.percentile(count, 50),
			p99Ms: this.percentile(count, 99),
			maxMs: this.percentile(count, 100),
			timePercent: gcTimePercent(this.total, Math.max(1, until - since))!,
		};
	}

	private moveTo(history: History, since: number, until: number): void {
		const events = history.gcEvents;
		const removed = history.removed.gcEvents;
		const lo = removed + firstAtOrAfter(events, since);
		const hi = Math.max(lo, removed + firstAfter(events, until));
		// Widened to events before the window's start (a longer window): fold again from the history, once.
		if (lo < this.lo || lo >= this.hi) this.clear(lo);
		while (this.lo < lo) this.dropOldest();
		while (this.hi > hi) this.dropNewest();
		for (; this.hi < hi; this.hi++) this.add(events[this.hi - removed]);
		if (this.hi === this.lo) this.total = 0; // sums of additions and removals drift: an empty window is exactly 0
	}

	private clear(at: number): void {
		this.bins.fill(0);
		this.byKind = { minor: 0, major: 0, incremental: 0, weakcb: 0 };
		this.total = 0;
		this.held = [];
		this.head = 0;
		this.lo = this.hi = at;
	}

	private add(event: GcEvent): void {
		this.held.push({ pauseMs: event.pauseMs, kind: event.kind });
		this.count(event.pauseMs, event.kind, 1);
	}

	private dropOldest(): void {
		const { pauseMs, kind } = this.held[this.head++];
		this.count(pauseMs, kind, -1);
		this.lo++;
		// Let go of what left the window now and then, not on every event.
		if (this.head > 4096 && this.head * 2 > this.held.length) {
			this.held = this.held.slice(this.head);
			this.head = 0;
		}
	}

	private dropNewest(): void {
		const { pauseMs, kind } = this.held.pop()!;
		this.count(pauseMs, kind, -1);
		this.hi--;
	}

	private count(pauseMs: number, kind: GcKind, by: 1 | -1): void {
		this.bins[binOf(pauseMs)] += by;
		this.byKind[kind] += by;
		this.total += by * pauseMs;
	}

	/** Nearest-rank percentile from the bins. */
	private percentile(count: number, p: number): number | undefined {
		if (count === 0) return undefined;
		const rank = Math.max(1, Math.ceil((p / 100) * count));
		let seen = 0;
		for (let bin = 0; bin < BINS; bin++) {
			seen += this.bins[bin];
			if (seen >= rank) return valueOf(bin);
		}
		return undefined;
	}
}

/** One window per history and reader (the screen, the NDJSON records): each moves its own. */
const windows = new WeakMap<History, Map<string, GcPauseWindow>>();

/** Pause statistics of a history's GC events with since <= t <= until, kept for `reader`'s next call. */
export function movingGcStats(history: History, since: number, until: number, reader: string): GcWindowStats {
	let byReader = windows.get(history);
	if (!byReader) windows.set(history, (byReader = new Map()));
	let window = byReader.get(reader);
	if (!window) byReader.set(reader, (window = new GcPauseWindow()));
	return window.stats(history, since, until);
}
