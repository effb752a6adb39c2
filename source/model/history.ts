// Everything memtop has seen of one target over time, on one shared time axis, pruned by age.
// A tick without a reading is a gap: charts leave it blank, JSON leaves the fields out. Never a zero.
import type { GcEvent, Marker, Reading } from '../types.js';
import { gcTimePercent } from './stats/gc-time.js';

/** One interval: the reading (if it could be taken) and what is derived from it and the previous one. */
export interface Tick {
	readonly t: number;
	readonly reading?: Reading;
	/** Bytes per second allocated on the JS heap over the interval. */
	readonly allocRate?: number;
	/** GC pause summed over the interval, and its share of wall time. */
	readonly gcPauseMs?: number;
	readonly gcTimePercent?: number;
	readonly gcCount?: number;
}

/** The heap left after a major GC: the floor that leak detection watches. */
export interface MajorGcFloor {
	readonly t: number;
	readonly heapAfter: number;
}

export const DEFAULT_KEEP_MS = 60 * 60 * 1000;
/**
 * Raw GC events kept at most (about 20 MB): a target in a GC storm makes hundreds a second, and an hour of
 * them would make memtop itself the process with the memory problem. Per-interval GC figures live on the
 * ticks and are kept for the whole hour; only pause percentiles over very long windows see fewer events.
 */
export const MAX_GC_EVENTS = 200_000;

export class History {
	readonly ticks: Tick[] = [];
	readonly gcEvents: GcEvent[] = [];
	readonly markers: Marker[] = [];
	readonly majorFloors: MajorGcFloor[] = [];
	droppedGcEvents = 0;
	/**
	 * How many ticks and GC events were pruned from the front so far: an item's index plus this is its place
	 * in everything ever added, which lets a reader keep its place across pruning (see column-cache.ts).
	 */
	readonly removed = { ticks: 0, gcEvents: 0 };
	private previous: Reading | undefined;
	private newest = 0;

	constructor(private readonly keepMs = DEFAULT_KEEP_MS) {}

	/** Add a reading and derive the per-interval figures from the previous one of the same connection. */
	addReading(reading: Reading): Tick {
		const previous = this.previous;
		const span = reading.spanMs;
		const sameProbe = previous?.gc !== undefined && reading.gc !== undefined && reading.gc.count >= previous.gc.count;
		const gcPauseMs = sameProbe ? reading.gc!.pauseMs - previous!.gc!.pauseMs : undefined;
		const tick: Tick = {
			t: reading.t,
			reading,
			allocRate: reading.allocatedBytes !== undefined && span ? (reading.allocatedBytes / span) * 1000 : undefined,
			gcPauseMs,
			gcTimePercent: gcPauseMs === undefined ? undefined : gcTimePercent(gcPauseMs, span),
			gcCount: sameProbe ? reading.gc!.count - previous!.gc!.count : undefined,
		};
		this.previous = reading;
		return this.push(tick);
	}

	/** A reading that could not be taken. */
	addGap(t: number): Tick {
		return this.push({ t });
	}

	/** A new connection starts its own counters: forget the previous reading so nothing is diffed across it. */
	resetBaseline(): void {
		this.previous = undefined;
	}

	addGcEvents(events: readonly GcEvent[], dropped = 0): void {
		for (const event of events) {
			this.newest = Math.max(this.newest, event.t);
			this.gcEvents.push(event);
			if (event.kind === 'major' && event.heapAfter !== undefined) this.majorFloors.push({ t: event.t, heapAfter: event.heapAfter });
		}
		this.droppedGcEvents += dropped;
		this.changed();
	}

	addMarker(marker: Marker): void {
		this.newest = Math.max(this.newest, marker.t);
		this.markers.push(marker);
		this.changed();
	}

	/** The last tick at or before `at` that has a reading. */
	latest(at = Infinity): Tick | undefined {
		// Found by halving, then back over gaps: a replay's cursor may stand a day before the newest reading.
		for (let i = firstAfter(this.ticks, at) - 1; i >= 0; i--) if (this.ticks[i].reading) return this.ticks[i];
		return undefined;
	}

	private push(tick: Tick): Tick {
		this.newest = Math.max(this.newest, tick.t);
		this.ticks.push(tick);
		this.changed();
		return tick;
	}

	private changed(): void {
		// Age is measured from the newest thing seen, not the wall clock, so a frozen history stays whole.
		const cutoff = this.newest - this.keepMs;
		this.removed.ticks += pruneBefore(this.ticks, cutoff);
		this.removed.gcEvents += pruneBefore(this.gcEvents, cutoff);
		if (this.gcEvents.length > MAX_GC_EVENTS) this.removed.gcEvents += this.gcEvents.splice(0, this.gcEvents.length - MAX_GC_EVENTS).length;
		pruneBefore(this.markers, cutoff);
		pruneBefore(this.majorFloors, cutoff);
	}
}

/** Drop the items older than cutoff; how many went. */
function pruneBefore(items: { t: number }[], cutoff: number): number {
	let n = 0;
	while (n < items.length && items[n].t < cutoff) n++;
	if (n > 0) items.splice(0, n);
	return n;
}

/** The index of the first item with t >= at (items in time order): the start of a window without a scan. */
export function firstAtOrAfter(items: readonly { readonly t: number }[], at: number): number {
	return partition(items, (t) => t < at);
}

/** The index of the first item with t > at (items in time order). */
export function firstAfter(items: readonly { readonly t: number }[], at: number): number {
	return partition(items, (t) => t <= at);
}

/** The first index whose t fails `before`, by halving: `before` holds for a prefix of items. */
function partition(items: readonly { readonly t: number }[], before: (t: number) => boolean): number {
	let lo = 0;
	let hi = items.length;
	while (lo < hi) {
		const mid = (lo + hi) >>> 1;
		if (before(items[mid].t)) lo = mid + 1;
		else hi = mid;
	}
	return lo;
}
