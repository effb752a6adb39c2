// What holds the objects a class gained: of its newest objects (V8 numbers objects as it first meets them, so
// the highest ids are the latest), the path from a root most of them share. One newest object alone can be
// an engine's own (a feedback object compiled late); the shared path is the container the program fills.
import type { HeapGraph } from './graph.js';
import type { Dominators } from './dominators.js';
import type { Classes } from './summary.js';
import { edgeOwners, formatPath, largestOfClass, pathTo, type Instance } from './retainers.js';

export interface Holder {
	/** One of the newest objects on the shared path, with that path. */
	readonly instance: Instance;
	/** How many of the newest objects share it, of how many looked at. */
	readonly shared: number;
	readonly of: number;
}

/** The path shared by most of the class's `k` newest objects; undefined when the class has none. */
export function typicalHolder(graph: HeapGraph, doms: Dominators, classes: Classes, name: string, parentEdge: Uint32Array, k = 20): Holder | undefined {
	const newest = largestOfClass(graph, classes, name, k, (node) => graph.nodeId.get(node));
	if (newest.length === 0) return undefined;
	const owner = edgeOwners(graph);
	const groups = new Map<string, { node: number; count: number }>();
	for (const node of newest) {
		const shape = formatPath(pathTo(graph, parentEdge, owner, node)).replace(/@\d+$/, '').replace(/\d+/g, '#');
		const group = groups.get(shape) ?? { node, count: 0 };
		group.count++;
		groups.set(shape, group);
	}
	const best = [...groups.values()].sort((a, b) => b.count - a.count)[0];
	const path = pathTo(graph, parentEdge, owner, best.node);
	return { instance: { id: graph.nodeId.get(best.node), selfSize: graph.nodeSelf[best.node], retainedSize: doms.retained[best.node], path }, shared: best.count, of: newest.length };
}
