// memtop's own objects in a snapshot of a target it watches: what its probe holds (the event-loop-delay
// histogram alone is 360 KB) is not the program's memory, so the summary gives it a row of its own instead
// of mixing it into Histogram, Object or (closure). The probe hangs off the global under a symbol
// `memtop.probe.<id>` (or `memtop.handles.<id>`) and a binding `__memtop_gc_<id>`; its closures share the
// context of the function that installed it. memtop's objects are everything those dominate.
import { className, typeCode, type HeapGraph } from './graph.js';
import type { Dominators } from './dominators.js';
import { edgeTarget, isNativeContext, userGlobals } from './user-globals.js';

/** The summary row memtop's own objects are counted under. */
export const PROBE_CLASS = "(memtop's probe)";

const PROBE_PROPERTY = /^(<symbol memtop\.(probe|handles)\.[\w-]+>|__memtop_gc_[\w-]+)$/;

/** The nodes that hold memtop's probe: its objects on the global and the context its closures share. */
export function probeRoots(graph: HeapGraph): number[] {
	const property = typeCode(graph.edgeTypes, 'property');
	const roots = new Set<number>();
	for (const global of userGlobals(graph)) {
		for (let edge = graph.firstEdge[global]; edge < graph.firstEdge[global + 1]; edge++) {
			if (graph.edgeType[edge] !== property || !PROBE_PROPERTY.test(graph.strings.get(graph.edgeNames.get(edge)) ?? '')) continue;
			const holder = graph.edgeTo[edge];
			roots.add(holder);
			// The probe object's methods (read, info, uninstall) close over the installer's function context (never
			// a realm: a function that closes over nothing has the realm as its context).
			for (let own = graph.firstEdge[holder]; own < graph.firstEdge[holder + 1]; own++) {
				const method = graph.edgeTo[own];
				if (graph.edgeType[own] !== property || className(graph, method) !== '(closure)') continue;
				const context = edgeTarget(graph, method, 'context');
				if (context >= 0 && !isNativeContext(graph, context)) roots.add(context);
			}
		}
	}
	return [...roots];
}

/** 1 for every node a probe root dominates (the roots included); undefined when memtop left no probe. */
export function probeObjects(graph: HeapGraph, doms: Dominators): Uint8Array | undefined {
	const roots = probeRoots(graph);
	if (roots.length === 0) return undefined;
	const OWNED = 1;
	const NOT = 2;
	const state = new Uint8Array(graph.nodeCount);
	for (const root of roots) state[root] = OWNED;
	state[graph.root] = NOT;
	// A typed stack, emptied by resetting its length: 8.6 M walks of a JS array cost a quarter of a second.
	let path: Uint32Array = new Uint32Array(1024);
	for (let node = 0; node < graph.nodeCount; node++) {
		// Walk up the dominator tree to a node already decided; everything on the way shares its answer.
		let at = node;
		let depth = 0;
		while (state[at] === 0) {
			if (depth === path.length) path = growTo(path, depth * 2);
			path[depth++] = at;
			at = doms.idom[at];
		}
		const answer = state[at];
		while (depth > 0) state[path[--depth]] = answer;
	}
	for (let node = 0; node < state.length; node++) state[node] = state[node] === OWNED ? 1 : 0;
	return state;
}

function growTo(array: Uint32Array, length: number): Uint32Array {
	const bigger = new Uint32Array(length);
	bigger.set(array);
	return bigger;
}
