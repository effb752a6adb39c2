// pprof -base for heap snapshots (DevTools' Comparison view): objects are matched by their snapshot id, so
// "added" are objects the base did not have and "removed" ones the newer snapshot lost, per class name.
// Ids are only comparable within one id space: V8 clears them when an inspector session ends, so two
// snapshots taken over different sessions reuse the same ids for unrelated objects. That shows as matched
// ids whose class changed; then only the per-class count and size deltas are given.
import type { HeapGraph } from './graph.js';
import type { Classes } from './summary.js';

/** The part of a snapshot a later diff needs: every object's id, class name and size, sorted by id. */
export interface Census {
	readonly ids: Uint32Array;
	readonly classOf: Uint32Array; // index into names
	readonly self: Float64Array;
	readonly names: readonly string[];
}

export interface DiffRow {
	readonly name: string;
	readonly countDelta: number;
	readonly sizeDelta: number;
	/** Absent when the snapshots do not share object ids. */
	readonly added?: number;
	readonly removed?: number;
	readonly addedSize?: number;
	readonly removedSize?: number;
	/** The class does not exist in the base at all. */
	readonly isNew: boolean;
}

/** Take the census of a graph: objects of size 0 are left out, as in the summary. */
export function census(graph: HeapGraph, classes: Classes): Census {
	let count = 0;
	for (let node = 0; node < graph.nodeCount; node++) if (graph.nodeSelf[node] > 0) count++;
	const order = new Uint32Array(count);
	for (let node = 0, at = 0; node < graph.nodeCount; node++) if (graph.nodeSelf[node] > 0) order[at++] = node;
	const ids = graph.nodeId.toArray();
	const keys = order.map((node) => ids[node]);
	sortByKey(keys, order);
	return {
		ids: keys,
		classOf: order.map((node) => classes.classOf[node]),
		self: Float64Array.from(order, (node) => graph.nodeSelf[node]),
		names: classes.names,
	};
}

export interface Diff {
	/** False when the ids do not identify the same objects in both (see above). */
	readonly matchedById: boolean;
	readonly rows: DiffRow[];
}

/** More than this share of matched ids changing class means the ids belong to different sessions. */
const FOREIGN_IDS = 0.05;

/** Every object of a census, by class name and size. */
function tally(census: Census, each: (name: string, size: number) => void): void {
	for (let i = 0; i < census.ids.length; i++) each(census.names[census.classOf[i]], census.self[i]);
}

/** The classes that changed, largest growth first; classes whose objects only churned (as many in as out, same size) go last. */
function changedRows(rows: DiffRow[], matchedById: boolean): DiffRow[] {
	return rows
		.filter((r) => (matchedById ? (r.added ?? 0) > 0 || (r.removed ?? 0) > 0 : r.countDelta !== 0 || r.sizeDelta !== 0))
		.sort((x, y) => Number(isChurn(x)) - Number(isChurn(y)) || y.sizeDelta - x.sizeDelta || y.countDelta - x.countDelta || (x.name < y.name ? -1 : 1));
}

/** Per class name: objects added and removed between base and current, and the count and size deltas; largest growth first. */
export function diffCensus(base: Census, current: Census): Diff {
	const rows = new Map<string, { added: number; removed: number; addedSize: number; removedSize: number; baseCount: number; baseSize: number; count: number; size: number }>();
	const row = (name: string) => {
		let r = rows.get(name);
		if (!r) rows.set(name, (r = { added: 0, removed: 0, addedSize: 0, removedSize: 0, baseCount: 0, baseSize: 0, count: 0, size: 0 }));
		return r;
	};
	tally(base, (name, size) => {
		const r = row(name);
		r.baseCount++;
		r.baseSize += size;
	});
	tally(current, (name, size) => {
		const r = row(name);
		r.count++;
		r.size += size;
	});
	// Merge the two id-sorted lists; an id whose class changed is one object removed and another added.
	let i = 0;
	let j = 0;
	let matched = 0;
	let changedClass = 0;
	const removeBase = () => {
		const r = row(base.names[base.classOf[i]]);
		r.removed++;
		r.removedSize += base.self[i++];
	};
	const addCurrent = () => {
		const r = row(current.names[current.classOf[j]]);
		r.added++;
		r.addedSize += current.self[j++];
	};
	while (i < base.ids.length || j < current.ids.length) {
		const a = i < base.ids.length ? base.ids[i] : Infinity;
		const b = j < current.ids.length ? current.ids[j] : Infinity;
		if (a === b) {
			matched++;
			if (base.names[base.classOf[i]] === current.names[current.classOf[j]]) {
				i++;
				j++;
			} else {
				changedClass++;
				removeBase();
				addCurrent();
			}
		} else if (a < b) removeBase();
		else addCurrent();
	}
	const matchedById = changedClass <= FOREIGN_IDS * matched;
	const list = [...rows].map(([name, r]): DiffRow => {
		const deltas = { name, countDelta: r.count - r.baseCount, sizeDelta: r.size - r.baseSize, isNew: r.baseCount === 0 };
		return matchedById ? { ...deltas, added: r.added, removed: r.removed, addedSize: r.addedSize, removedSize: r.removedSize } : deltas;
	});
	return { matchedById, rows: changedRows(list, matchedById) };
}

const isChurn = (row: DiffRow) => row.countDelta === 0 && row.sizeDelta === 0;

/** Sort keys ascending and move values with them: two 16-bit radix passes (already sorted input is the usual case). */
function sortByKey(keys: Uint32Array, values: Uint32Array): void {
	let sorted = true;
	for (let i = 1; i < keys.length && sorted; i++) sorted = keys[i - 1] <= keys[i];
	if (sorted) return;
	let k: Uint32Array = keys;
	let v: Uint32Array = values;
	let k2: Uint32Array = new Uint32Array(keys.length);
	let v2: Uint32Array = new Uint32Array(keys.length);
	for (const shift of [0, 16]) {
		const counts = new Uint32Array(65537);
		for (let i = 0; i < k.length; i++) counts[((k[i] >>> shift) & 0xffff) + 1]++;
		for (let d = 0; d < 65536; d++) counts[d + 1] += counts[d];
		for (let i = 0; i < k.length; i++) {
			const at = counts[(k[i] >>> shift) & 0xffff]++;
			k2[at] = k[i];
			v2[at] = v[i];
		}
		[k, k2] = [k2, k];
		[v, v2] = [v2, v];
	}
	// After an even number of passes the data is back in the arrays given.
}
