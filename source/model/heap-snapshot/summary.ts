// DevTools' Summary view as data: nodes grouped by class (constructor name for objects, "(type)" otherwise),
// with count, shallow size and retained size. As in DevTools, nodes of size 0 are left out, and a class's
// retained size counts each instance only when no other instance of the class dominates it (no double count).
import { className, DETACHED, type HeapGraph } from './graph.js';
import type { Dominators } from './dominators.js';
import { PROBE_CLASS } from './probe-objects.js';
import { isNativeContextName } from './graph.js';

export interface ClassRow {
	readonly name: string;
	readonly count: number;
	readonly selfSize: number;
	readonly retainedSize: number;
}

export interface Summary {
	readonly nodes: number;
	readonly edges: number;
	/** The root's retained size: every byte in the snapshot. */
	readonly totalSize: number;
	/** Sorted by retained size, largest first. */
	readonly constructors: ClassRow[];
}

export interface Classes {
	/** Class number of every node. */
	readonly classOf: Uint32Array;
	readonly names: string[];
}

/** An array of length entries: a spare buffer when one is big enough (zeroed), else a new one. */
export function reuse(spare: Uint32Array[], length: number): Uint32Array {
	const index = spare.findIndex((buffer) => buffer.length >= length);
	if (index < 0) return new Uint32Array(length);
	const [buffer] = spare.splice(index, 1);
	return buffer.subarray(0, length).fill(0);
}

/** Number the classes: one per object/native name, one per other node type; memtop's probe objects apart. */
export function classify(graph: HeapGraph, spare: Uint32Array[] = [], probe?: Uint8Array): Classes {
	const object = graph.nodeTypes.indexOf('object');
	const native = graph.nodeTypes.indexOf('native');
	const hidden = graph.nodeTypes.indexOf('hidden');
	// A realm is a hidden node, but a class of its own (see className); by name, asked once per name.
	const realmNames = new Map<number, boolean>();
	const isRealm = (name: number) => realmNames.get(name) ?? realmNames.set(name, isNativeContextName(graph.strings.get(name))).get(name)!;
	const names: string[] = [];
	const byType = new Int32Array(graph.nodeTypes.length).fill(-1);
	const byName = new Int32Array(graph.strings.length).fill(-1);
	const classOf = reuse(spare, graph.nodeCount);
	const byLabel = new Map<string, number>(); // as many entries as classes, not nodes
	const byDetachedName = new Map<number, number>(); // detached embedder objects: few
	const probeClass = probe ? names.push(PROBE_CLASS) - 1 : -1;
	for (let node = 0; node < graph.nodeCount; node++) {
		if (probe?.[node]) {
			classOf[node] = probeClass;
			continue;
		}
		const type = graph.nodeType[node];
		const named = type === object || type === native || (type === hidden && isRealm(graph.nodeName[node]));
		if (type === native && graph.nodeDetachedness?.[node] === DETACHED) {
			const name = graph.nodeName[node];
			let id = byDetachedName.get(name);
			if (id === undefined) {
				const label = className(graph, node);
				id = byLabel.get(label) ?? names.push(label) - 1;
				byLabel.set(label, id);
				byDetachedName.set(name, id);
			}
			classOf[node] = id;
			continue;
		}
		const table = named ? byName : byType;
		const key = named ? graph.nodeName[node] : type;
		let id = table[key];
		if (id < 0) {
			const label = className(graph, node);
			id = byLabel.get(label) ?? names.push(label) - 1;
			byLabel.set(label, id);
			table[key] = id;
		}
		classOf[node] = id;
	}
	return { classOf, names };
}

/** The Summary view over a graph whose dominators are known. */
export function summarize(graph: HeapGraph, doms: Dominators, classes: Classes = classify(graph, doms.spare)): Summary {
	const { classOf, names } = classes;
	const count = new Float64Array(names.length);
	const self = new Float64Array(names.length);
	for (let node = 0; node < graph.nodeCount; node++) {
		const size = graph.nodeSelf[node];
		if (size === 0) continue;
		count[classOf[node]]++;
		self[classOf[node]] += size;
	}
	const retained = classRetained(graph, doms, classOf, names.length);
	const constructors = names
		.map((name, id) => ({ name, count: count[id], selfSize: self[id], retainedSize: retained[id] }))
		.filter((row) => row.count > 0)
		.sort((a, b) => b.retainedSize - a.retainedSize || b.selfSize - a.selfSize || (a.name < b.name ? -1 : 1));
	return { nodes: graph.nodeCount, edges: graph.edgeCount, totalSize: doms.retained[graph.root], constructors };
}

const EXIT = 2 ** 31;

/** Walk the dominator tree depth first; an instance counts when no counted instance of its class is above it. */
function classRetained(graph: HeapGraph, doms: Dominators, classOf: Uint32Array, classCount: number): Float64Array {
	const n = graph.nodeCount;
	const { idom, retained } = doms;
	const { nodeSelf } = graph;
	// Children lists of the dominator tree (counting sort by dominator).
	const firstChild = reuse(doms.spare, n + 1);
	for (let node = 0; node < n; node++) if (node !== graph.root) firstChild[idom[node] + 1]++;
	for (let node = 0; node < n; node++) firstChild[node + 1] += firstChild[node];
	const children = reuse(doms.spare, n);
	const fill = reuse(doms.spare, n);
	fill.set(firstChild.subarray(0, n));
	for (let node = 0; node < n; node++) if (node !== graph.root) children[fill[idom[node]]++] = node;

	const result = new Float64Array(classCount);
	const active = new Uint8Array(classCount); // 1: an instance of the class is counted on the current path
	// Nodes to enter and, below a counted node's children, the mark of its exit (its class plus EXIT): a node is
	// one entry at a time (to enter, or its exit), so n entries are room enough, and the others are seen once.
	const stack = fill;
	let top = 0;
	stack[top++] = graph.root;
	while (top > 0) {
		const entry = stack[--top];
		if (entry >= EXIT) {
			active[entry - EXIT] = 0;
			continue;
		}
		const cls = classOf[entry];
		if (active[cls] === 0 && nodeSelf[entry] > 0) {
			result[cls] += retained[entry];
			active[cls] = 1;
			stack[top++] = EXIT + cls;
		}
		for (let i = firstChild[entry], end = firstChild[entry + 1]; i < end; i++) stack[top++] = children[i];
	}
	return result;
}
