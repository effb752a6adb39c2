// Why is it alive: the largest instances of a class and, for each, the shortest path from the root.
// Paths prefer user roots (the global object, reached by the root's shortcut edges), as DevTools' distances
// do, and never use weak edges: a weak edge keeps nothing alive.
import { className, edgeLabel, typeCode, type HeapGraph } from './graph.js';
import type { Dominators } from './dominators.js';
import { isNativeContextName } from './graph.js';
import type { Classes } from './summary.js';
import { lastAtOrBelow } from './sorted-search.js';

export interface PathStep {
	readonly node: string; // class name of the node
	readonly id: number;
	/** The edge from this node to the next step; absent on the last step. */
	readonly edge?: string;
}

export interface Instance {
	readonly id: number;
	readonly selfSize: number;
	readonly retainedSize: number;
	/** From a root down to the instance; empty when nothing strong reaches it. */
	readonly path: PathStep[];
}

export interface Retainers {
	readonly name: string;
	readonly instances: Instance[];
}

/** Breadth-first parents from the root: user roots first, then the rest (GC roots, handles ...). */
export function shortestParents(graph: HeapGraph): Uint32Array {
	const { nodeCount, firstEdge, edgeType, edgeTo, root } = graph;
	const weak = typeCode(graph.edgeTypes, 'weak');
	const shortcut = typeCode(graph.edgeTypes, 'shortcut');
	const synthetic = typeCode(graph.nodeTypes, 'synthetic');
	const NONE = 0xffffffff;
	const parentEdge = new Uint32Array(nodeCount).fill(NONE); // the edge that first reached each node
	const queue = new Uint32Array(nodeCount);
	let head = 0;
	let tail = 0;
	const seen = new Uint8Array(nodeCount);
	seen[root] = 1;
	const bfs = () => {
		while (head < tail) {
			const node = queue[head++];
			for (let edge = firstEdge[node], end = firstEdge[node + 1]; edge < end; edge++) {
				const to = edgeTo[edge];
				if (seen[to] || edgeType[edge] === weak || edgeType[edge] === shortcut) continue;
				seen[to] = 1;
				parentEdge[to] = edge;
				queue[tail++] = to;
			}
		}
	};
	for (const userRoots of [true, false]) {
		for (let edge = firstEdge[root]; edge < firstEdge[root + 1]; edge++) {
			const to = edgeTo[edge];
			const isUser = edgeType[edge] === shortcut || graph.nodeType[to] !== synthetic;
			if (isUser !== userRoots || seen[to] || edgeType[edge] === weak) continue;
			seen[to] = 1;
			parentEdge[to] = edge;
			queue[tail++] = to;
		}
		bfs();
	}
	return parentEdge;
}

/** The k objects of a class (of nonzero size) with the largest `key`, largest first. */
export function largestOfClass(graph: HeapGraph, classes: Classes, name: string, k: number, key: (node: number) => number): number[] {
	const classId = classes.names.indexOf(name);
	const top: number[] = [];
	if (classId < 0) return top;
	for (let node = 0; node < graph.nodeCount; node++) {
		if (classes.classOf[node] !== classId || graph.nodeSelf[node] === 0) continue;
		if (top.length === k && key(node) <= key(top[k - 1])) continue;
		top.push(node);
		top.sort((a, b) => key(b) - key(a));
		if (top.length > k) top.pop();
	}
	return top;
}

/** The k instances of a class with the largest retained sizes, each with its path from the root. */
export function retainersOf(graph: HeapGraph, doms: Dominators, classes: Classes, name: string, k: number, parentEdge = shortestParents(graph)): Retainers {
	const top = largestOfClass(graph, classes, name, k, (node) => doms.retained[node]);
	const owner = edgeOwners(graph);
	return {
		name,
		instances: top.map((node) => ({
			id: graph.nodeId.get(node),
			selfSize: graph.nodeSelf[node],
			retainedSize: doms.retained[node],
			path: pathTo(graph, parentEdge, owner, node),
		})),
	};
}

/** The shortest path from a root to the node (see shortestParents), root side first. */
export function pathTo(graph: HeapGraph, parentEdge: Uint32Array, owner: (edge: number) => number, node: number): PathStep[] {
	if (parentEdge[node] === 0xffffffff) return [];
	const steps: PathStep[] = [{ node: className(graph, node), id: graph.nodeId.get(node) }];
	let at = node;
	for (let guard = 0; guard < graph.nodeCount && parentEdge[at] !== 0xffffffff; guard++) {
		const edge = parentEdge[at];
		const from = owner(edge);
		if (from === graph.root) break; // the synthetic root says nothing to a reader
		steps.unshift({ node: className(graph, from), id: graph.nodeId.get(from), edge: edgeLabel(graph, edge) });
		at = from;
	}
	// From V8 14 the root's user root is the realm; a path through its global starts at the global, as before.
	if (steps.length > 1 && isNativeContextName(steps[0].node) && steps[0].edge === '{global_object}') steps.shift();
	return steps;
}

/** Edge -> the node it leaves, by binary search over firstEdge (paths are short; no per-edge array). */
export function edgeOwners(graph: HeapGraph): (edge: number) => number {
	// Nodes without edges share their firstEdge with the next node: the last of them owns the edge.
	return (edge) => lastAtOrBelow(graph.firstEdge, graph.nodeCount, edge);
}

/** "global.keep → Object.sessions → Map{table} → Session @123": a path on one line. */
export function formatPath(path: readonly PathStep[]): string {
	if (path.length === 0) return '(no strong path from a root)';
	return path.map((step) => (step.edge ? `${step.node}${step.edge}` : `${step.node} @${step.id}`)).join(' → ');
}
