// The program's global objects. The root's shortcut edges name them: up to V8 13 (Node 24) they point at the
// global object itself; from V8 14 (Node 26) at its realm, a hidden `system / NativeContext`, whose internal
// `global_object` edge holds the global. Both shapes give the same answer here.
import { isNativeContextName, typeCode, type HeapGraph } from './graph.js';


/** Whether a node is a realm (V8's NativeContext): the holder of one global object and its built-ins. */
export const isNativeContext = (graph: HeapGraph, node: number): boolean =>
	graph.nodeTypes[graph.nodeType[node]] === 'hidden' && isNativeContextName(graph.strings.get(graph.nodeName[node]));

/** The node an edge named `name` of `node` points to, or -1. */
export function edgeTarget(graph: HeapGraph, node: number, name: string): number {
	const string = graph.strings.indexOf(name);
	if (string < 0) return -1;
	for (let edge = graph.firstEdge[node]; edge < graph.firstEdge[node + 1]; edge++) {
		const type = graph.edgeTypes[graph.edgeType[edge]];
		if (type !== 'element' && type !== 'hidden' && graph.edgeNames.get(edge) === string) return graph.edgeTo[edge];
	}
	return -1;
}

/** The global objects the root's shortcut edges lead to, through a NativeContext where V8 puts one. */
export function userGlobals(graph: HeapGraph): number[] {
	const shortcut = typeCode(graph.edgeTypes, 'shortcut');
	const globals: number[] = [];
	for (let edge = graph.firstEdge[graph.root]; edge < graph.firstEdge[graph.root + 1]; edge++) {
		if (graph.edgeType[edge] !== shortcut) continue;
		const to = graph.edgeTo[edge];
		const global = isNativeContext(graph, to) ? edgeTarget(graph, to, 'global_object') : to;
		if (global >= 0) globals.push(global);
	}
	return globals;
}
