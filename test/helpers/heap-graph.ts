// Hand-built heap graphs for tests: nodes and edges by name, as a V8 .heapsnapshot text or a parsed graph.
import { SnapshotParser } from '../../source/model/heap-snapshot/parser.js';
import type { HeapGraph } from '../../source/model/heap-snapshot/graph.js';

export const NODE_TYPES = ['hidden', 'array', 'string', 'object', 'code', 'closure', 'regexp', 'number', 'native', 'synthetic', 'concatenated string', 'sliced string', 'symbol', 'bigint', 'object shape'];
export const EDGE_TYPES = ['context', 'element', 'property', 'internal', 'hidden', 'shortcut', 'weak'];

export interface NodeSpec { name: string; type?: string; self?: number; id?: number }
export interface EdgeSpec { from: string; to: string; type?: string; name?: string | number }

/** The text of a snapshot: the first node is the root. Edge names are strings, or indexes for element/hidden edges. */
export function snapshotText(nodes: NodeSpec[], edges: EdgeSpec[]): string {
	const strings: string[] = [];
	const intern = (s: string) => (strings.includes(s) ? strings.indexOf(s) : strings.push(s) - 1);
	const index = new Map(nodes.map((n, i) => [n.name, i]));
	const at = (name: string) => {
		const i = index.get(name);
		if (i === undefined) throw new Error(`no node ${name}`);
		return i;
	};
	const out = nodes.map((n) => edges.filter((e) => at(e.from) === at(n.name)));
	const nodeNumbers = nodes.flatMap((n, i) => [NODE_TYPES.indexOf(n.type ?? 'object'), intern(n.name.replace(/#.*/, '')), n.id ?? 2 * i + 1, n.self ?? 10, out[i].length, 0, 0]);
	const edgeNumbers = out.flat().flatMap((e) => {
		const type = e.type ?? 'property';
		const name = type === 'element' || type === 'hidden' ? Number(e.name ?? 0) : intern(String(e.name ?? e.to));
		return [EDGE_TYPES.indexOf(type), name, at(e.to) * 7];
	});
	const meta = {
		node_fields: ['type', 'name', 'id', 'self_size', 'edge_count', 'trace_node_id', 'detachedness'],
		node_types: [NODE_TYPES, 'string', 'number', 'number', 'number', 'number', 'number'],
		edge_fields: ['type', 'name_or_index', 'to_node'],
		edge_types: [EDGE_TYPES, 'string_or_number', 'node'],
	};
	return `{"snapshot":{"meta":${JSON.stringify(meta)},"node_count":${nodes.length},"edge_count":${edgeNumbers.length / 3},"trace_function_count":0},\n` +
		`"nodes":[${nodeNumbers.join(',')}],\n"edges":[${edgeNumbers.join(',')}],\n"trace_function_infos":[],\n"trace_tree":[],\n"samples":[],\n"locations":[],\n` +
		`"strings":[${strings.map((s) => JSON.stringify(s)).join(',\n')}]}`;
}

/** Parse text, fed in pieces of chunkSize bytes (1 exercises every boundary). */
export function parseText(text: string, chunkSize = 1 << 20): HeapGraph {
	const parser = new SnapshotParser();
	const bytes = Buffer.from(text, 'utf8');
	for (let i = 0; i < bytes.length; i += chunkSize) parser.push(bytes.subarray(i, i + chunkSize));
	return parser.finish();
}

/** A graph from specs (node names may carry "#n" to tell apart nodes of one class). */
export const buildGraph = (nodes: NodeSpec[], edges: EdgeSpec[]): HeapGraph => parseText(snapshotText(nodes, edges));

/** Ordinal of the node with this spec name. */
export const ordinal = (nodes: NodeSpec[], name: string): number => nodes.findIndex((n) => n.name === name);

/** A seeded random number generator: the same numbers every run. */
export function seeded(seed: number): () => number {
	return () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
}

/** Edges among n nodes: a spanning tree from node 0 (all reachable), then up to extraPerNode * n at random. */
export function randomEdges(random: () => number, n: number, extraPerNode: number): [number, number][] {
	const edges: [number, number][] = [];
	for (let v = 1; v < n; v++) edges.push([Math.floor(random() * v), v]);
	const extra = Math.floor(random() * n * extraPerNode);
	for (let k = 0; k < extra; k++) edges.push([Math.floor(random() * n), 1 + Math.floor(random() * (n - 1))]);
	return edges;
}
