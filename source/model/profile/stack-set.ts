// Allocation samples as a tree of call stacks over interned frames (a trie, root first). Profiles read at
// different moments add into one tree, or out of it again (alloc mode sums the pieces of a sliding window),
// and one tree is viewed several ways (bytes or objects, Node's and V8's internals folded or not) without asking the
// target again. Everything that runs on each refresh walks the tree once, on integer frame ids.
import { objectCounter, type CallFrame, type ProfileNode, type SamplingProfile } from './sampling-profile.js';
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
	// Call frames by script id, position and name (no URL: a short key, cheap to hash); every read repeats most.
	private readonly byPosition = new Map<string, number>();

	idOf(frame: SiteFrame): number {
		const key = keyOf(frame);
		let id = this.ids.get(key);
		if (id === undefined) {
			id = this.frames.push(frame) - 1;
			this.ids.set(key, id);
		}
		return id;
	}

	/** The id of a protocol call frame, making the frame only the first time it is seen. */
	idOfCall(c: CallFrame): number {
		const position = `${c.scriptId}:${c.lineNumber}:${c.columnNumber}:${c.functionName}`;
		let id = this.byPosition.get(position);
		if (id === undefined) {
			id = this.idOf({ ...frameOf(c), scriptId: c.scriptId });
			this.byPosition.set(position, id);
		}
		return id;
	}

	/** The id of the frame a top row stands for, if this table has seen it. */
	find(frame: Frame): number | undefined {
		return this.ids.get(keyOf(frame));
	}
}

export interface StackNode {
	readonly frame: number; // -1 at the root
	bytes: number; // allocated by this stack itself
	objects: number;
	readonly children: Map<number, StackNode>;
}

/** The root of a stack tree. */
export type StackSet = StackNode;

export const newStackSet = (): StackSet => ({ frame: -1, bytes: 0, objects: 0, children: new Map() });

function childOf(node: StackNode, frame: number): StackNode {
	let child = node.children.get(frame);
	if (!child) node.children.set(frame, (child = { frame, bytes: 0, objects: 0, children: new Map() }));
	return child;
}

// The walks below recurse: a stack tree is as deep as V8's sampled stacks, which it cuts at 128 frames.

/**
 * What one profile added to a set, node by node: enough to take it out again later without walking anything
 * (the alloc window drops its oldest piece every read).
 */
export interface Added {
	readonly nodes: StackNode[];
	readonly bytes: number[];
	readonly objects: number[];
}

export const nothingAdded = (): Added => ({ nodes: [], bytes: [], objects: [] });

/** Take what was added back out of its set; branches left empty are dropped by the next prune(). */
export function takeOut(added: Added): void {
	for (let i = 0; i < added.nodes.length; i++) {
		added.nodes[i].bytes -= added.bytes[i];
		added.nodes[i].objects -= added.objects[i];
	}
}

/** Drop branches that hold nothing any more; object counts are fractions, so near zero is zero. */
export function prune(node: StackNode): boolean {
	for (const [frame, child] of node.children) if (prune(child)) node.children.delete(frame);
	if (Math.abs(node.objects) < 1e-6) node.objects = 0;
	return node.frame >= 0 && node.children.size === 0 && node.bytes === 0 && node.objects === 0;
}

/**
 * Add a sampling profile to the set: bytes as V8 scaled them, objects as its samples scale the same way.
 * With `added`, every node that got a value is noted there, so the profile can be taken out again.
 */
export function addProfile(set: StackSet, profile: SamplingProfile, table: FrameTable, added?: Added): void {
	const objectsOf = objectCounter(profile);
	const visit = (node: ProfileNode, parent: StackNode) => {
		const into = childOf(parent, table.idOfCall(node.callFrame));
		const objects = objectsOf(node);
		into.bytes += node.selfSize;
		into.objects += objects;
		if (added && (node.selfSize > 0 || objects > 0)) {
			added.nodes.push(into);
			added.bytes.push(node.selfSize);
			added.objects.push(objects);
		}
		for (const child of node.children) visit(child, into);
	};
	for (const child of profile.head.children) visit(child, set);
}

/** Every stack that allocated, leaf first, with its values: for writing files and for peek (on demand only). */
export function stacksOf(set: StackSet): { frames: number[]; bytes: number; objects: number }[] {
	const stacks: { frames: number[]; bytes: number; objects: number }[] = [];
	const path: number[] = [];
	const visit = (node: StackNode, depth: number) => {
		path.length = depth;
		if (node.frame >= 0) path.push(node.frame);
		const below = path.length;
		if (node.bytes > 0 || node.objects > 0) stacks.push({ frames: [...path].reverse(), bytes: node.bytes, objects: node.objects });
		for (const child of node.children.values()) visit(child, below);
	};
	visit(set, 0);
	return stacks;
}

export type Unit = 'space' | 'objects';

export interface ViewOptions {
	readonly mode: 'inuse' | 'alloc';
	readonly unit: Unit;
	/** Fold frames that are not the program's own (node:..., builtins) into the program's code that called them. */
	readonly foldInternals: boolean;
}

export const INTERNALS: SiteFrame = { name: '(node internals)', url: '', line: 0, scriptId: '' };
/** Not the program's own code: Node's own modules (node:...) and builtins or V8 entries, which have no file. */
export const isInternal = (frame: Frame): boolean => frame.url.startsWith('node:') || frame.url === '';

/**
 * One walk of the tree, calling `self` with each stack's own value and the function it counts for in the view
 * (a folded frame's value goes to the nearest unfolded caller, or to "(node internals)" if there is none), and
 * `subtree` when a function's outermost frame on a path is left, with everything allocated below it.
 */
function walkView(set: StackSet, table: FrameTable, view: Pick<ViewOptions, 'unit' | 'foldInternals'>,
	self: (fid: number, value: number) => void, subtree: (fid: number, value: number) => void): void {
	const internals = table.idOf(INTERNALS);
	const folded = view.foldInternals ? table.frames.map(isInternal) : undefined;
	const onPath = new Int32Array(table.frames.length);
	const space = view.unit === 'space';
	const visit = (node: StackNode, owner: number): number => {
		const fid = folded?.[node.frame] ? -1 : node.frame;
		const value = space ? node.bytes : node.objects;
		if (value > 0) {
			self(fid >= 0 ? fid : owner >= 0 ? owner : internals, value);
			if (fid < 0 && owner < 0) subtree(internals, value); // a stack of nothing but internals
		}
		if (fid >= 0) onPath[fid]++;
		let sum = Math.max(0, value);
		for (const child of node.children.values()) sum += visit(child, fid >= 0 ? fid : owner);
		if (fid >= 0 && --onPath[fid] === 0) subtree(fid, sum);
		return sum;
	};
	for (const child of set.children.values()) visit(child, -1);
}

/** pprof top of the set: flat, cum (recursion counted once per stack), sorted by flat. */
export function topOfSet(set: StackSet, table: FrameTable, options: ViewOptions): Top {
	table.idOf(INTERNALS); // before sizing the arrays: folding may count into it
	const flat = new Float64Array(table.frames.length);
	const cum = new Float64Array(table.frames.length);
	let total = 0;
	walkView(set, table, options, (fid, value) => {
		flat[fid] += value;
		total += value;
	}, (fid, value) => {
		cum[fid] += value;
	});
	const functions = [];
	for (let id = 0; id < table.frames.length; id++) {
		if (cum[id] > 1e-9) functions.push({ ...stripScript(table.frames[id]), flat: flat[id], cum: cum[id] });
	}
	return { sampleType: `${options.mode}_${options.unit}/${options.unit === 'space' ? 'bytes' : 'count'}`, total, functions: functions.sort(byFlat) };
}

/** Which of the four views (bytes or objects, folded or not) an index of leafFlats stands for. */
export const viewIndex = (view: Pick<ViewOptions, 'unit' | 'foldInternals'>): number => (view.unit === 'objects' ? 1 : 0) + (view.foldInternals ? 2 : 0);

/** Flat figures by frame id for all four views in one walk, cheap enough to keep one per reading for growth. */
export function leafFlats(set: StackSet, table: FrameTable): Float64Array[] {
	const internals = table.idOf(INTERNALS);
	const folded = table.frames.map(isInternal);
	const flats = [0, 1, 2, 3].map(() => new Float64Array(table.frames.length));
	const [bytes, objects, foldedBytes, foldedObjects] = flats;
	const visit = (node: StackNode, owner: number) => {
		const fid = node.frame;
		const mine = folded[fid] ? owner : fid;
		const counted = mine >= 0 ? mine : internals;
		bytes[fid] += node.bytes;
		objects[fid] += node.objects;
		foldedBytes[counted] += node.bytes;
		foldedObjects[counted] += node.objects;
		for (const child of node.children.values()) visit(child, mine);
	};
	for (const child of set.children.values()) visit(child, -1);
	return flats;
}

/** A frame without its script id: how the tables and files name a function. */
export const stripScript = ({ name, url, line }: SiteFrame): Frame => ({ name, url, line });
