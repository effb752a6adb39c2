// Chart columns kept as readings arrive, so a frame costs the columns it shows, not the readings its window
// holds: an hour at 100 ms is 36,000 readings folded into a hundred-odd columns. Columns sit on fixed slices of
// time (column k covers (k·width, (k+1)·width]), so a finished column never changes and is folded once; the
// chart moves a column at a time. A column with no value is a gap (undefined), never a zero.
import type { History, Tick } from './history.js';
import { firstAtOrAfter } from './history.js';

export type Reduce = 'mean' | 'max' | 'last';
export type Field = (tick: Tick) => number | undefined;

interface Column {
	value: number | undefined; // the sum while reducing by mean
	count: number;
	failed: boolean; // a tick without a value fell here: never bridged over
	firstT: number;
	lastT: number;
}

const columnOf = (t: number, width: number) => Math.ceil(t / width) - 1;

/** One field of one history at one column width. */
class FieldColumns {
	private readonly columns = new Map<number, Column>();
	private seen = 0; // ticks folded, counted over everything the history ever held
	private droppedBelow = -Infinity; // columns before this one were let go

	constructor(private readonly field: Field, private readonly reduce: Reduce, private readonly width: number) {}

	/** Fold the ticks that arrived since the last call. */
	update(history: History): void {
		const { ticks, removed } = history;
		for (let i = Math.max(0, this.seen - removed.ticks); i < ticks.length; i++) this.add(this.columns, ticks[i]);
		this.seen = removed.ticks + ticks.length;
	}

	/** `count` column values ending with the one that holds `end`, oldest first; bridged as bucketValues says. */
	values(history: History, end: number, count: number, bridgeMs: number): (number | undefined)[] {
		const last = columnOf(end, this.width);
		const first = last - count + 1;
		if (first < this.droppedBelow) this.refold(history); // looking further back than before: rare, a frozen screen
		for (const k of this.columns.keys()) if (k < first) this.columns.delete(k); // the window seldom looks back further
		this.droppedBelow = Math.max(this.droppedBelow, first);
		const shown: (Column | undefined)[] = [];
		for (let k = first; k <= last; k++) shown.push(this.columns.get(k));
		// A frozen screen's last column must not hold what came after the moment it shows: fold that one afresh.
		const newest = history.ticks.at(-1)?.t ?? -Infinity;
		if (newest > end) shown[count - 1] = this.partial(history, last * this.width, end);
		const out = shown.map((c) => (c === undefined || c.value === undefined ? undefined : this.reduce === 'mean' ? c.value / c.count : c.value));
		if (bridgeMs > 0) bridge(out, shown, bridgeMs);
		return out;
	}

	private refold(history: History): void {
		this.columns.clear();
		this.seen = 0;
		this.droppedBelow = -Infinity;
		this.update(history);
	}

	private partial(history: History, after: number, end: number): Column | undefined {
		const one = new Map<number, Column>();
		const { ticks } = history;
		for (let i = firstAtOrAfter(ticks, after); i < ticks.length && ticks[i].t <= end; i++) if (ticks[i].t > after) this.add(one, ticks[i]);
		return one.values().next().value;
	}

	private add(columns: Map<number, Column>, tick: Tick): void {
		const k = columnOf(tick.t, this.width);
		let column = columns.get(k);
		if (!column) columns.set(k, (column = { value: undefined, count: 0, failed: false, firstT: tick.t, lastT: tick.t }));
		const v = this.field(tick);
		if (v === undefined || !Number.isFinite(v)) {
			column.failed = true;
			return;
		}
		if (column.count === 0) column.firstT = column.lastT = tick.t;
		column.firstT = Math.min(column.firstT, tick.t);
		column.lastT = Math.max(column.lastT, tick.t);
		const old = column.value;
		column.value = old === undefined ? v : this.reduce === 'max' ? Math.max(old, v) : this.reduce === 'last' ? v : old + v;
		column.count++;
	}
}

/**
 * When columns are narrower than the sampling interval some hold no reading by chance: those are filled from
 * the left when the readings either side are at most bridgeMs apart. A column that saw a failed reading is not.
 */
function bridge(out: (number | undefined)[], columns: readonly (Column | undefined)[], bridgeMs: number): void {
	let previous = -1;
	for (let i = 0; i < out.length; i++) {
		if (out[i] === undefined) continue;
		if (previous >= 0 && i - previous > 1 && columns[i]!.firstT - columns[previous]!.lastT <= bridgeMs && !columns.slice(previous + 1, i).some((c) => c?.failed)) {
			for (let j = previous + 1; j < i; j++) out[j] = out[previous];
		}
		previous = i;
	}
}

/** Every history's folded columns, by field and then by reduce and width; dropped with the history. */
const caches = new WeakMap<History, Map<Field, Map<string, FieldColumns>>>();
/** Widths change with the window and the terminal: a few stay cached, older ones are let go. */
const MAX_WIDTHS = 8;

/**
 * `count` column values for the window ending at `end`, each column windowMs/count wide, oldest first: the
 * column that holds `end` last. The same field, reduce and width read again cost only the ticks since.
 */
export function bucketValues(history: History, field: Field, end: number, windowMs: number, count: number, reduce: Reduce = 'mean', bridgeMs = 0): (number | undefined)[] {
	if (count <= 0 || windowMs <= 0) return [];
	let byField = caches.get(history);
	if (!byField) caches.set(history, (byField = new Map()));
	let byWidth = byField.get(field);
	if (!byWidth) byField.set(field, (byWidth = new Map()));
	const width = windowMs / count;
	const key = `${reduce} ${width}`;
	let columns = byWidth.get(key);
	if (!columns) {
		if (byWidth.size >= MAX_WIDTHS) byWidth.clear();
		byWidth.set(key, (columns = new FieldColumns(field, reduce, width)));
	}
	columns.update(history);
	return columns.values(history, end, count, bridgeMs);
}

/** The column of bucketValues' output that a time falls in, or undefined outside the window. */
export function columnIndexOf(t: number, end: number, windowMs: number, count: number): number | undefined {
	const width = windowMs / count;
	const index = columnOf(t, width) - (columnOf(end, width) - count + 1);
	return index >= 0 && index < count ? index : undefined;
}
