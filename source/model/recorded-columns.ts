// One target's recording held as columns (a Float64Array per figure), not as objects. A day at 1 s is 86,400
// readings and, on a busy target, as many GC events: as objects (reading, tick, GC counters, event, and a box
// for each fractional figure) three targets took 147 MiB of heap and over 300 MiB of RSS. As columns it is
// about 130 bytes a second. A History, the objects every screen reads, is built for the span a screen looks at
// (the replay's window before its cursor), or for the whole run when a picture of all of it is drawn.
import { History } from './history.js';
import type { GcKind, GcTotals, Reading } from '../types.js';

/** Entries per block of a column: 128 KiB. */
const BLOCK_BITS = 14;
const BLOCK = 1 << BLOCK_BITS;

/**
 * A column that grows as readings are added, a block at a time: never copied to grow (a doubled array and the
 * one it replaced, for every column at once, were tens of megabytes until the collector freed the old ones).
 * NaN where a figure was not read.
 */
class Column {
	readonly blocks: Float64Array[] = [];
	length = 0;

	push(value: number | undefined): void {
		const offset = this.length & (BLOCK - 1);
		if (offset === 0) this.blocks.push(new Float64Array(BLOCK));
		this.blocks[this.blocks.length - 1][offset] = value ?? NaN;
		this.length++;
	}

	get(i: number): number {
		return this.blocks[i >>> BLOCK_BITS][i & (BLOCK - 1)];
	}

	at(i: number): number | undefined {
		const value = this.get(i);
		return Number.isNaN(value) ? undefined : value;
	}

	/** In the order `order` gives (for a recording written out of order). */
	reorder(order: readonly number[]): void {
		const copy = Float64Array.from({ length: this.length }, (_, i) => this.get(i));
		order.forEach((from, to) => (this.blocks[to >>> BLOCK_BITS][to & (BLOCK - 1)] = copy[from]));
	}
}

const SAMPLE_FIELDS = ['t', 'heapUsed', 'heapTotal', 'heapLimit', 'rss', 'external', 'arrayBuffers', 'allocRate', 'loopP50', 'loopP99', 'cpuPercent', 'handles', 'domNodes', 'domListeners', 'domDocuments'] as const;
const GC_FIELDS = ['t', 'kind', 'pauseMs', 'heapBefore', 'heapAfter'] as const;
const KINDS: readonly GcKind[] = ['minor', 'major', 'incremental', 'weakcb'];

type Json = Record<string, unknown>;
const num = (v: unknown) => (typeof v === 'number' && Number.isFinite(v) ? v : undefined);

/** A column's blocks, to be sent to another thread (their buffers transferred, not copied). */
export interface ColumnPart {
	readonly blocks: Float64Array[];
	readonly length: number;
}

/** What a reader on another thread read of one target's columns. */
export interface ColumnsPart {
	readonly sample: Record<string, ColumnPart>;
	readonly gc: Record<string, ColumnPart>;
	readonly handleSets: Record<string, number>[];
}

export class RecordedColumns {
	private readonly sample = Object.fromEntries(SAMPLE_FIELDS.map((f) => [f, new Column()])) as Record<(typeof SAMPLE_FIELDS)[number], Column>;
	private readonly gc = Object.fromEntries(GC_FIELDS.map((f) => [f, new Column()])) as Record<(typeof GC_FIELDS)[number], Column>;
	/** Each distinct set of handle counts once: a day of readings holds the same few over and over. */
	private readonly handleSets: Record<string, number>[] = [];
	private readonly handleIndex = new Map<string, number>();

	get length(): number {
		return this.sample.t.length;
	}

	get gcCount(): number {
		return this.gc.t.length;
	}

	/** The time of reading i. */
	timeAt(i: number): number {
		return this.sample.t.get(i);
	}

	addSample(record: Json, t: number): void {
		const s = this.sample;
		const handles = record.handles as { byType?: Record<string, number> } | Record<string, number> | undefined;
		const loop = record.loopDelay as { p50Ms?: number; p99Ms?: number } | undefined;
		s.t.push(t);
		s.heapUsed.push(num(record.heapUsed) ?? 0);
		s.heapTotal.push(num(record.heapTotal) ?? 0);
		s.heapLimit.push(num(record.heapLimit));
		s.rss.push(num(record.rss));
		s.external.push(num(record.external));
		s.arrayBuffers.push(num(record.arrayBuffers));
		s.allocRate.push(num(record.allocRate));
		s.loopP50.push(num(loop?.p50Ms));
		s.loopP99.push(num(loop?.p99Ms));
		s.cpuPercent.push(num(record.cpuPercent));
		s.handles.push(this.handleSetOf(handles && 'byType' in handles ? (handles.byType as Record<string, number>) : (handles as Record<string, number> | undefined)));
		const dom = record.dom as { nodes?: number; listeners?: number; documents?: number } | undefined; // a browser page's
		s.domNodes.push(num(dom?.nodes));
		s.domListeners.push(num(dom?.listeners));
		s.domDocuments.push(num(dom?.documents));
	}

	addGc(record: Json, t: number): void {
		const g = this.gc;
		g.t.push(t);
		g.kind.push(Math.max(0, KINDS.indexOf(record.kind as GcKind)));
		g.pauseMs.push(num(record.pauseMs) ?? 0);
		g.heapBefore.push(num(record.heapBefore));
		g.heapAfter.push(num(record.heapAfter));
	}

	/** The columns as they stand, for another thread to append (the buffers are in `transfer`). */
	part(transfer: ArrayBuffer[]): ColumnsPart {
		const partOf = (columns: Record<string, Column>) => Object.fromEntries(Object.entries(columns).map(([field, column]) => {
			transfer.push(...column.blocks.map((block) => block.buffer as ArrayBuffer));
			return [field, { blocks: column.blocks, length: column.length }];
		}));
		return { sample: partOf(this.sample), gc: partOf(this.gc), handleSets: this.handleSets };
	}

	/** Append what another reader read after this one's last line (the rest of the same file). */
	append(part: ColumnsPart): void {
		const each = (columns: Record<string, Column>, parts: Record<string, ColumnPart>, map: (field: string, v: number) => number) => {
			for (const [field, column] of Object.entries(columns)) {
				const { blocks, length } = parts[field];
				for (let i = 0; i < length; i++) column.push(map(field, blocks[i >>> BLOCK_BITS][i & (BLOCK - 1)]));
			}
		};
		// The other reader's handle sets are its own: each is found again, or kept, here.
		each(this.sample, part.sample, (field, v) => (field === 'handles' && v > 0 ? this.handleSetOf(part.handleSets[v - 1]) : v));
		each(this.gc, part.gc, (_, v) => v);
	}

	/** Readings and GC events in time order (as written, almost always: then this is a check). */
	sort(): void {
		for (const [columns, fields] of [[this.sample, SAMPLE_FIELDS], [this.gc, GC_FIELDS]] as const) {
			const t = columns.t;
			let sorted = true;
			for (let i = 1; i < t.length && sorted; i++) sorted = t.get(i - 1) <= t.get(i);
			if (sorted) continue;
			const order = Array.from({ length: t.length }, (_, i) => i).sort((a, b) => t.get(a) - t.get(b) || a - b);
			for (const field of fields) (columns as Record<string, Column>)[field].reorder(order);
		}
	}

	/**
	 * A History of the readings from `from` to `to` (and the one before, which the first one's interval figures
	 * are worked out against) with the GC events between them, built as live: a reading's GC events go in before it.
	 */
	historyBetween(from: number, to: number): History {
		const history = new History(Infinity);
		const t = this.sample.t;
		const first = Math.max(0, lowerBound(t, from) - 1);
		const last = firstAfterIn(t, to);
		const gcT = this.gc.t;
		// From the start of the run, its GC events before the first reading too; a later span starts after its
		// first reading (what came before belongs to intervals outside it).
		let g = first === 0 ? 0 : firstAfterIn(gcT, t.get(first));
		// GC counters summed from the span's first reading: the per-interval figures are their differences.
		const totals: { -readonly [K in keyof GcTotals]: GcTotals[K] } = { count: 0, minor: 0, major: 0, incremental: 0, weakcb: 0, pauseMs: 0 };
		let shared: GcTotals | undefined;
		for (let i = first; i < last; i++) {
			const upTo = firstAfterIn(gcT, t.get(i));
			if (upTo > g) {
				history.addGcEvents(this.eventsBetween(g, upTo, totals));
				shared = undefined;
			}
			g = Math.max(g, upTo);
			const reading = this.readingAt(i, i > 0 ? t.get(i - 1) : undefined);
			if (this.gcCount > 0) (reading as { gc?: GcTotals }).gc = shared ??= { ...totals };
			history.addReading(reading);
		}
		const end = firstAfterIn(gcT, to);
		if (g < end) history.addGcEvents(this.eventsBetween(g, end, totals));
		return history;
	}

	private eventsBetween(from: number, to: number, totals: { -readonly [K in keyof GcTotals]: GcTotals[K] }) {
		const g = this.gc;
		const events = [];
		for (let i = from; i < to; i++) {
			const kind = KINDS[g.kind.get(i)];
			const pauseMs = g.pauseMs.get(i);
			totals.count++;
			totals[kind]++;
			totals.pauseMs += pauseMs;
			events.push({ t: g.t.get(i), kind, pauseMs, heapBefore: g.heapBefore.at(i), heapAfter: g.heapAfter.at(i) });
		}
		return events;
	}

	private readingAt(i: number, previous: number | undefined): Reading {
		const s = this.sample;
		const t = s.t.get(i);
		const spanMs = previous === undefined ? undefined : t - previous;
		const allocRate = s.allocRate.at(i);
		const handles = s.handles.get(i);
		return {
			t, heapUsed: s.heapUsed.get(i), heapTotal: s.heapTotal.get(i), heapLimit: s.heapLimit.at(i), rss: s.rss.at(i),
			external: s.external.at(i), arrayBuffers: s.arrayBuffers.at(i), spanMs,
			allocatedBytes: allocRate !== undefined && spanMs ? (allocRate * spanMs) / 1000 : undefined,
			handles: handles > 0 ? this.handleSets[handles - 1] : undefined,
			loopDelayP50Ms: s.loopP50.at(i), loopDelayP99Ms: s.loopP99.at(i), cpuPercent: s.cpuPercent.at(i),
			dom: Number.isNaN(s.domNodes.get(i)) ? undefined : { nodes: s.domNodes.get(i), listeners: s.domListeners.at(i) ?? 0, documents: s.domDocuments.at(i) ?? 0 },
		};
	}

	/** 0 for none, else 1 + the index of an equal set of counts kept already (or kept now). */
	private handleSetOf(handles: Record<string, number> | undefined): number {
		if (!handles) return 0;
		const previous = this.sample.handles.length > 0 ? this.sample.handles.get(this.sample.handles.length - 1) : 0;
		if (previous > 0 && sameCounts(this.handleSets[previous - 1], handles)) return previous; // the usual case, without a key
		const key = JSON.stringify(handles);
		let index = this.handleIndex.get(key);
		if (index === undefined) {
			index = this.handleSets.push(handles) - 1;
			this.handleIndex.set(key, index);
		}
		return index + 1;
	}
}

function sameCounts(a: Readonly<Record<string, number>>, b: Readonly<Record<string, number>>): boolean {
	let keys = 0;
	for (const key in b) {
		if (a[key] !== b[key]) return false;
		keys++;
	}
	return keys === Object.keys(a).length;
}

/** The first index whose time is at or after `at`. */
function lowerBound(t: Column, at: number): number {
	let lo = 0;
	let hi = t.length;
	while (lo < hi) {
		const mid = (lo + hi) >>> 1;
		if (t.get(mid) < at) lo = mid + 1;
		else hi = mid;
	}
	return lo;
}

/** The first index whose time is after `at`. */
function firstAfterIn(t: Column, at: number): number {
	let lo = 0;
	let hi = t.length;
	while (lo < hi) {
		const mid = (lo + hi) >>> 1;
		if (t.get(mid) <= at) lo = mid + 1;
		else hi = mid;
	}
	return lo;
}

