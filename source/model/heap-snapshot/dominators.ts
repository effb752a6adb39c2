// Immediate dominators and retained sizes. Semidominators come from Lengauer-Tarjan's path-compressed
// evaluation; immediate dominators from them by the semi-NCA rule (Georgiadis, Tarjan, Werneck 2006):
// idom(w) is the nearest common dominator-tree ancestor of parent(w) and semi(w). Every loop is bounded by
// the node or edge count: no fix-point iteration. Everything lives in typed arrays in DFS preorder.
// Nodes the root does not reach over essential edges (only weak edges hold them, or unreachable cycles)
// get the root as a virtual parent, so, as in DevTools, the root dominates them.
import { takeScratch, type HeapGraph } from './graph.js';
import type { EssentialEdges } from './essential-edges.js';
import { hasBit } from './bits.js';

export interface Dominators {
	/** Immediate dominator of every node, by ordinal; the root's is itself. */
	readonly idom: Uint32Array;
	/** Retained size of every node: its own plus everything it dominates (32 bits when the whole heap fits). */
	readonly retained: Uint32Array | Float64Array;
	/**
	 * Buffers of nodeCount + 1 entries the computation no longer needs: the summary reuses them rather than
	 * allocate more while the garbage collector has not yet returned these (it frees big buffers lazily).
	 */
	readonly spare: Uint32Array[];
}

/** Compute dominators and retained sizes over the essential edges; onStep hears the share of the work done. */
export function dominators(graph: HeapGraph, edges: EssentialEdges, onStep?: (fraction: number) => void): Dominators {
	const n = graph.nodeCount;
	const { firstPred, preds, spent } = sharedPredecessors(graph, edges);
	onStep?.(0.2);
	// One buffer, three lives: the DFS stack and cursors, then the path-compression stack and labels, and
	// finally the retained sizes. Each phase's arrays are dead when the next begins; the peak stays lower.
	const scratch = new Float64Array(n + 1);
	const stack = new Uint32Array(scratch.buffer, 0, n + 1);
	const cursor = new Uint32Array(scratch.buffer, 4 * (n + 1), n + 1);
	const pre = spent.fill(0); // reuse: the fill cursors are spent
	const order = preorder(graph, edges, pre, stack, cursor);
	onStep?.(0.45);
	// Predecessors as preorder numbers from here on.
	for (let i = 0; i < preds.length; i++) preds[i] = pre[preds[i]];
	const semi = semidominators(order, firstPred, preds, pre, cursor, stack);
	onStep?.(0.8);
	// Immediate dominators: start from the DFS parent and climb the (already final) dominator chain.
	const idomPre = order.parent; // reuse: parent[w] is read only before idomPre[w] is written
	for (let w = 2; w <= n; w++) {
		let d = idomPre[w];
		while (d > semi[w]) d = idomPre[d];
		idomPre[w] = d;
	}
	// Retained sizes bottom-up: children have larger preorder numbers than their dominators. Below 4 GiB in all
	// (the root retains every byte) they take the scratch's second half, whose pages the labels already touched:
	// the first half, touched only as deep as the DFS and the path compression went, stays mostly unmapped.
	const { vertex } = order;
	const retained = totalSelf(graph) < 2 ** 32 ? new Uint32Array(scratch.buffer, 4 * (n + 1), n) : scratch.subarray(0, n);
	for (let node = 0; node < n; node++) retained[node] = graph.nodeSelf[node];
	for (let w = n; w >= 2; w--) retained[vertex[idomPre[w]]] += retained[vertex[w]];
	const idom = semi.subarray(0, n); // reuse: semidominators are spent
	idom[graph.root] = graph.root;
	for (let w = 2; w <= n; w++) idom[vertex[w]] = vertex[idomPre[w]];
	return { idom, retained, spare: [firstPred, pre, idomPre, vertex] };
}

function totalSelf({ nodeSelf, nodeCount }: HeapGraph): number {
	let total = 0;
	for (let node = 0; node < nodeCount; node++) total += nodeSelf[node];
	return total;
}

/**
 * Predecessors over essential edges, grouped by target (counting sort). Only nodes with two or more are
 * kept: a node with one predecessor was reached from it, so its semidominator is its DFS parent. Most heap
 * objects have a single retainer, so this keeps a fraction of the edges.
 */
function sharedPredecessors({ nodeCount: n, firstEdge, edgeTo }: HeapGraph, { essential, inCount }: EssentialEdges): { firstPred: Uint32Array; preds: Uint32Array; spent: Uint32Array } {
	const firstPred = inCount; // counted by essentialEdges; turned into offsets here, in place
	for (let node = 0; node < n; node++) {
		const count = firstPred[node + 1];
		firstPred[node + 1] = firstPred[node] + (count >= 2 ? count : 0);
	}
	const preds = new Uint32Array(firstPred[n]);
	const fill = firstPred.slice(0, n + 1);
	for (let from = 0; from < n; from++) {
		for (let edge = firstEdge[from], end = firstEdge[from + 1]; edge < end; edge++) {
			const to = edgeTo[edge];
			if (firstPred[to + 1] > firstPred[to] && hasBit(essential, edge)) preds[fill[to]++] = from;
		}
	}
	return { firstPred, preds, spent: fill };
}

interface Preorder {
	/** Preorder number -> node. */
	readonly vertex: Uint32Array;
	/** Preorder number -> the DFS parent's preorder number. */
	readonly parent: Uint32Array;
	/** Numbers above this were not reached from the root: the root is their virtual parent. */
	readonly reachedFromRoot: number;
}

/** DFS preorder numbers from 1 into pre (0 = not reached); the root's real children first, then virtual ones. */
function preorder(graph: HeapGraph, { essential, weakOnly }: EssentialEdges, pre: Uint32Array, stack: Uint32Array, cursor: Uint32Array): Preorder {
	const { nodeCount: n, firstEdge, edgeTo, root } = graph;
	// In the memory the edge names were read into, when the graph still has it (see HeapGraph.scratch).
	const both = takeScratch(graph, 2 * (n + 1));
	const vertex = both?.subarray(0, n + 1) ?? new Uint32Array(n + 1);
	const parent = both?.subarray(n + 1) ?? new Uint32Array(n + 1);
	let count = 0;
	const visit = (start: number, parentNumber: number) => {
		pre[start] = ++count;
		vertex[count] = start;
		parent[count] = parentNumber;
		let top = 0;
		stack[0] = start;
		cursor[0] = firstEdge[start];
		while (top >= 0) {
			const node = stack[top];
			const edge = cursor[top];
			if (edge >= firstEdge[node + 1]) {
				top--;
				continue;
			}
			cursor[top] = edge + 1;
			const to = edgeTo[edge];
			if (pre[to] !== 0 || !hasBit(essential, edge)) continue;
			pre[to] = ++count;
			vertex[count] = to;
			parent[count] = pre[node];
			stack[++top] = to;
			cursor[top] = firstEdge[to];
		}
	};
	visit(root, 0);
	const reachedFromRoot = count;
	for (let node = 0; node < n; node++) if (pre[node] === 0 && hasBit(weakOnly, node)) visit(node, 1);
	for (let node = 0; node < n; node++) if (pre[node] === 0) visit(node, 1);
	return { vertex, parent, reachedFromRoot };
}

/**
 * Semidominators by preorder number, processing vertices in decreasing preorder; "link" is ancestorOf[w] =
 * parent[w]. ancestorOf, label and path are spent buffers of n + 1 entries, reused.
 */
function semidominators({ vertex, parent, reachedFromRoot }: Preorder, firstPred: Uint32Array, preds: Uint32Array, ancestorOf: Uint32Array, label: Uint32Array, path: Uint32Array): Uint32Array {
	const n = vertex.length - 1;
	const semi = new Uint32Array(n + 1);
	ancestorOf.fill(0);
	for (let v = 1; v <= n; v++) {
		semi[v] = v;
		label[v] = v;
	}
	const evaluate = (v: number): number => {
		if (ancestorOf[v] === 0) return v;
		// Compress the path from v towards the linked forest's root, nearest-to-root first.
		let depth = 0;
		for (let x = v; ancestorOf[ancestorOf[x]] !== 0; x = ancestorOf[x]) path[depth++] = x;
		while (depth > 0) {
			const y = path[--depth];
			const a = ancestorOf[y];
			if (semi[label[a]] < semi[label[y]]) label[y] = label[a];
			ancestorOf[y] = ancestorOf[a];
		}
		return label[v];
	};
	for (let w = n; w >= 2; w--) {
		if (w > reachedFromRoot && parent[w] === 1) {
			semi[w] = 1; // a virtual child of the root: the root is its smallest predecessor
		} else {
			const node = vertex[w];
			let s = parent[w]; // the tree edge is one of the predecessors (the only one if none are listed)
			for (let i = firstPred[node], end = firstPred[node + 1]; i < end; i++) {
				const v = preds[i];
				const candidate = v <= w ? v : semi[evaluate(v)];
				if (candidate < s) s = candidate;
			}
			semi[w] = s;
		}
		ancestorOf[w] = parent[w];
	}
	return semi;
}
