// Allocation samples as a set of call stacks over interned frames. Profiles read at different moments can be
// added up (alloc mode gets a fresh profile per read and sums them) and the same set viewed several ways
// (bytes or objects, node internals folded or not) without asking the target again.
import { objectCounts, walk, type SamplingProfile } from './sampling-profile.js';
import { frameOf } from './from-sampling.js';
import { byFlat, keyOf, type Frame, type Top } from './top.js';

/** A function as the profile names it, plus the script it lives in (to fetch its source). */
export interface SiteFrame extends Frame {
	readonly scriptId: string;
}

/** Frames interned to small integers; ids stay valid for as long as the table lives. */
export class FrameTable {
	readonly frames: SiteFrame[] = [];
	private readonly ids = new Map<string, number>();

	idOf(frame: SiteFrame): number {
		const key = keyOf(frame);
		let id = this.ids.get(key);
		if (id === undefined) {
			id = this.frames.push(frame) - 1;
			this.ids.set(key, id);
		}
		return id;
	}

	/** The id of the frame a top row stands for, if this table has seen it. */
	find(frame: Frame): number | undefined {
		return this.ids.get(keyOf(frame));
	}
}

export interface StackValue {
	readonly frames: readonly number[]; // leaf first
	bytes: number;
	objects: number;
}

/** Stacks by their frame ids joined with commas. */
export type StackSet = Map<string, StackValue>;

/** Add every allocating node of a sampling profile to the set, with bytes and estimated objects. */
export function addProfile(set: StackSet, profile: SamplingProfile, table: FrameTable): void {
	const counts = objectCounts(profile);
	const ids: number[] = [];
	walk(profile, (node, path) => {
		if (path.length < 2) return; // V8's synthetic root
		const c = node.callFrame;
		ids[path.length - 2] = table.idOf({ ...frameOf(c), scriptId: c.scriptId });
		if (node.selfSize <= 0) return;
		const frames = ids.slice(0, path.length - 1).reverse();
		add(set, frames, node.selfSize, counts.get(node.id) ?? 0);
	});
}

function add(set: StackSet, frames: readonly number[], bytes: number, objects: number): void {
	const key = frames.join(',');
	const value = set.get(key);
	if (value) {
		value.bytes += bytes;
		value.objects += objects;
	} else {
		set.set(key, { frames, bytes, objects });
	}
}

/** Sum several sets into a new one. */
export function sumOf(sets: Iterable<StackSet>): StackSet {
	const sum: StackSet = new Map();
	for (const set of sets) for (const value of set.values()) add(sum, value.frames, value.bytes, value.objects);
	return sum;
}

export type Unit = 'space' | 'objects';

export interface ViewOptions {
	readonly mode: 'inuse' | 'alloc';
	readonly unit: Unit;
	/** Fold frames inside Node itself (node:...) into the user code that called them. */
	readonly foldInternals: boolean;
}

const INTERNALS: SiteFrame = { name: '(node internals)', url: '', line: 0, scriptId: '' };
const isInternal = (frame: SiteFrame) => frame.url.startsWith('node:');

/** The stacks as the view shows them, as frame ids: folded frames removed; nothing but internals becomes one frame. */
export function viewStacks(set: StackSet, table: FrameTable, options: ViewOptions): { ids: readonly number[]; value: number }[] {
	const internals = table.idOf(INTERNALS);
	const folded = options.foldInternals ? table.frames.map(isInternal) : undefined;
	const stacks: { ids: readonly number[]; value: number }[] = [];
	for (const { frames, bytes, objects } of set.values()) {
		const value = options.unit === 'space' ? bytes : objects;
		if (value <= 0) continue;
		let ids = frames;
		if (folded) {
			const kept = frames.filter((id) => !folded[id]);
			ids = kept.length > 0 ? kept : [internals];
		}
		stacks.push({ ids, value });
	}
	return stacks;
}

/** pprof top of the set: flat, cum (recursion counted once per stack), sorted by flat. Integer work only: it runs every refresh. */
export function topOfSet(set: StackSet, table: FrameTable, options: ViewOptions): Top {
	const stacks = viewStacks(set, table, options);
	const n = table.frames.length;
	const flat = new Float64Array(n);
	const cum = new Float64Array(n);
	const seenIn = new Int32Array(n).fill(-1); // the stack a function was last counted in
	let total = 0;
	stacks.forEach(({ ids, value }, s) => {
		total += value;
		flat[ids[0]] += value;
		for (const id of ids) {
			if (seenIn[id] === s) continue;
			seenIn[id] = s;
			cum[id] += value;
		}
	});
	const functions = [];
	for (let id = 0; id < n; id++) {
		if (cum[id] > 0) functions.push({ ...stripScript(table.frames[id]), flat: flat[id], cum: cum[id] });
	}
	return { sampleType: `${options.mode}_${options.unit}/${options.unit === 'space' ? 'bytes' : 'count'}`, total, functions: functions.sort(byFlat) };
}

/** Which of the four views (bytes or objects, folded or not) an index of leafFlats stands for. */
export const viewIndex = (view: Pick<ViewOptions, 'unit' | 'foldInternals'>): number => (view.unit === 'objects' ? 1 : 0) + (view.foldInternals ? 2 : 0);

/** Flat figures by frame id for all four views at once, cheap enough to keep one per reading for growth. */
export function leafFlats(set: StackSet, table: FrameTable): Float64Array[] {
	const internals = table.idOf(INTERNALS);
	const flats = [0, 1, 2, 3].map(() => new Float64Array(table.frames.length));
	for (const { frames, bytes, objects } of set.values()) {
		const folded = frames.find((id) => !isInternal(table.frames[id])) ?? internals;
		flats[0][frames[0]] += bytes;
		flats[1][frames[0]] += objects;
		flats[2][folded] += bytes;
		flats[3][folded] += objects;
	}
	return flats;
}

const stripScript = ({ name, url, line }: SiteFrame): Frame => ({ name, url, line });

export interface Neighbour {
	readonly frame: Frame;
	readonly value: number; // what went through this caller or callee
}

/** pprof's peek for one function: who called it and whom it called, by what passed through each. */
export function peekOf(set: StackSet, table: FrameTable, options: ViewOptions, target: Frame): { callers: Neighbour[]; callees: Neighbour[] } {
	const wanted = table.find(target);
	const callers = new Map<number, number>();
	const callees = new Map<number, number>();
	for (const { ids, value } of viewStacks(set, table, options)) {
		// Each caller and callee once per stack, as cum counts a function once per stack.
		const seen = new Set<string>();
		ids.forEach((id, depth) => {
			if (id !== wanted) return;
			for (const [map, next, side] of [[callers, ids[depth + 1], 'r'], [callees, ids[depth - 1], 'e']] as const) {
				if (next === undefined || seen.has(side + next)) continue;
				seen.add(side + next);
				map.set(next, (map.get(next) ?? 0) + value);
			}
		});
	}
	const sorted = (map: Map<number, number>) => [...map].map(([id, value]) => ({ frame: stripScript(table.frames[id]), value })).sort((a, b) => b.value - a.value);
	return { callers: sorted(callers), callees: sorted(callees) };
}
