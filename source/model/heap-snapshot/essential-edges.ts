// Which edges keep their target alive, by Chrome DevTools' rules, so retained sizes match its Summary view:
// - weak edges never do; shortcut edges only from the root (there they mark user roots such as the global);
// - of a WeakMap entry's two retainers (key and table), only the key counts: the edge from the table is
//   skipped (its name is "N / part of key (K @a) -> value (V @b) pair in WeakMap (table @T)" and T is the
//   id of the node it leaves);
// - an edge from a node outside the page (reached from the global objects) to a node inside it does not
//   count unless it leaves the root: objects the debugger or V8's internals also hold keep their page owner.
import { typeCode, type HeapGraph } from './graph.js';
import { allBits, clearBit, hasBit, newBits, setBit, type Bits } from './bits.js';

export interface EssentialEdges {
	/** Set where the edge retains its target. */
	readonly essential: Bits;
	/** Set where every edge into the node is weak or a shortcut (DevTools makes the root its dominator). */
	readonly weakOnly: Bits;
	/** inCount[node + 1]: the essential edges into node (counted while marking them: one pass fewer over the edges); dominators() turns it into its offsets. */
	readonly inCount: Uint32Array;
}

/**
 * DevTools' rules (the default), or memlab's, to compare numbers with it: memlab seeds the page-owned set
 * from the root's other children (GC roots and the like) instead of the global objects, keeps both
 * retainers of a WeakMap entry, and (in analyze.ts) leaves embedder objects' attached state unspread.
 */
export type EdgeRules = 'devtools' | 'memlab';

/** Mark the essential edges of the graph, and the nodes only weak edges reach. */
export function essentialEdges(graph: HeapGraph, rules: EdgeRules = 'devtools'): EssentialEdges {
	const { nodeCount, edgeCount, firstEdge, edgeType, edgeNames, edgeTo, nodeId, root } = graph;
	const weak = typeCode(graph.edgeTypes, 'weak');
	const shortcut = typeCode(graph.edgeTypes, 'shortcut');
	const internal = typeCode(graph.edgeTypes, 'internal');
	// inCount is pageOwned's stack first (emptied after): a second node-sized buffer would stay in memory until
	// the garbage collector gets to it, at the analysis's peak.
	const inCount = new Uint32Array(nodeCount + 1);
	const page = pageOwned(graph, rules, inCount);
	inCount.fill(0);
	const tables = rules === 'devtools' ? weakMapTables(graph) : undefined;
	// Most internal edges are told apart by their name's code alone (see EdgeNames.matcher); the node's id is
	// looked up (a search among the id runs) only for the rare WeakMap entry.
	const mayBeEntry = tables ? edgeNames.matcher(tables.maybe) : () => false;
	const isTableEdge = (edge: number, from: number) => {
		const table = tables!.tableOf(edgeNames.get(edge));
		return table >= 0 && table === nodeId.get(from);
	};
	const essential = newBits(edgeCount);
	const weakOnly = allBits(nodeCount);
	for (let from = 0; from < nodeCount; from++) {
		const fromPage = hasBit(page, from);
		for (let edge = firstEdge[from], end = firstEdge[from + 1]; edge < end; edge++) {
			const type = edgeType[edge];
			const to = edgeTo[edge];
			if (type !== weak && type !== shortcut) clearBit(weakOnly, to);
			if (type === weak || (type === shortcut && from !== root)) continue;
			if (type === internal && mayBeEntry(edge) && isTableEdge(edge, from)) continue;
			if (from !== root && !fromPage && hasBit(page, to)) continue;
			setBit(essential, edge);
			inCount[to + 1]++;
		}
	}
	return { essential, weakOnly, inCount };
}

/** Nodes reachable over non-weak edges from the root's shortcut targets (global objects) and DOM tree roots; stack holds nodeCount entries. */
function pageOwned(graph: HeapGraph, rules: EdgeRules, stack: Uint32Array): Bits {
	const { nodeCount, firstEdge, edgeType, edgeTo, root } = graph;
	const weak = typeCode(graph.edgeTypes, 'weak');
	const shortcut = typeCode(graph.edgeTypes, 'shortcut');
	const element = typeCode(graph.edgeTypes, 'element');
	const synthetic = typeCode(graph.nodeTypes, 'synthetic');
	const page = newBits(nodeCount);
	let top = 0;
	for (let edge = firstEdge[root]; edge < firstEdge[root + 1]; edge++) {
		const to = edgeTo[edge];
		const isDomTrees = edgeType[edge] === element && graph.nodeType[to] === synthetic && graph.strings.get(graph.nodeName[to]) === '(Document DOM trees)';
		const seed = rules === 'devtools' ? edgeType[edge] === shortcut || isDomTrees : edgeType[edge] !== shortcut && !isDomTrees;
		if (seed && !hasBit(page, to)) {
			setBit(page, to);
			stack[top++] = to;
		}
	}
	while (top > 0) {
		const node = stack[--top];
		for (let edge = firstEdge[node], end = firstEdge[node + 1]; edge < end; edge++) {
			const to = edgeTo[edge];
			if (edgeType[edge] === weak || hasBit(page, to)) continue;
			setBit(page, to);
			stack[top++] = to;
		}
	}
	return page;
}

const IN_WEAKMAP = Buffer.from(' pair in WeakMap (table @');
const WEAKMAP_ENTRY = /^\d+ \/ part of key \(.*? @\d+\) -> value \(.*? @\d+\) pair in WeakMap \(table @(\d+)\)$/;

/** Whether a string may name a WeakMap entry (cheap), and the table id its name gives, or -1. No cache: every entry has its own name. */
function weakMapTables(graph: HeapGraph): { maybe: (nameIndex: number) => boolean; tableOf: (nameIndex: number) => number } {
	// Which names may be entries, read once per string rather than per edge: 12 M internal edges name 3 M strings
	// in a 593 MiB snapshot, 2.9 M of those edges with names that start with a digit (hash table slots). Only
	// names that say WeakMap are decoded.
	const { strings } = graph;
	const maybe = newBits(strings.length);
	for (let index = 0; index < strings.length; index++) {
		const first = strings.firstByte(index);
		if (first >= 48 && first <= 57 && strings.includes(index, IN_WEAKMAP)) setBit(maybe, index);
	}
	const may = (nameIndex: number) => nameIndex < strings.length && hasBit(maybe, nameIndex);
	return {
		maybe: may,
		tableOf: (nameIndex) => {
			if (!may(nameIndex)) return -1;
			const match = WEAKMAP_ENTRY.exec(strings.get(nameIndex)!);
			return match ? Number(match[1]) : -1;
		},
	};
}
