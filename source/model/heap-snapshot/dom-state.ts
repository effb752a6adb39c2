// Attached or detached, as DevTools works it out for embedder (native) objects such as DOM nodes, so that
// detached ones are summarised as "Detached <name>": V8 records the state of the objects the embedder knows;
// it spreads to the native objects they reach (attached wins), never through JavaScript objects, and not
// over hidden, invisible or weak edges.
import { ATTACHED, DETACHED, typeCode, type HeapGraph } from './graph.js';

/** Spread known states in place over graph.nodeDetachedness; a no-op for snapshots without the field. */
export function propagateDomState(graph: HeapGraph): void {
	const state = graph.nodeDetachedness;
	if (!state) return;
	const native = typeCode(graph.nodeTypes, 'native');
	const skip = ['hidden', 'invisible', 'weak'].map((t) => typeCode(graph.edgeTypes, t));
	const visited = new Uint8Array(graph.nodeCount);
	const attached: number[] = [];
	const detached: number[] = [];
	const visit = (node: number, newState: number) => {
		if (visited[node]) return;
		visited[node] = 1;
		if (graph.nodeType[node] !== native) return;
		state[node] = newState;
		if (newState === ATTACHED) attached.push(node);
		else if (newState === DETACHED) detached.push(node);
	};
	const spread = (from: number, newState: number) => {
		for (let edge = graph.firstEdge[from], end = graph.firstEdge[from + 1]; edge < end; edge++) {
			if (!skip.includes(graph.edgeType[edge])) visit(graph.edgeTo[edge], newState);
		}
	};
	for (let node = 0; node < graph.nodeCount; node++) if (state[node] !== 0) visit(node, state[node]);
	while (attached.length) spread(attached.pop()!, ATTACHED);
	while (detached.length) {
		const node = detached.pop()!;
		if (state[node] !== ATTACHED) spread(node, DETACHED);
	}
}
