// A parsed heap snapshot as columns of typed arrays: one entry per node or edge, no object per node
// (8.6 M nodes as JS objects would cost gigabytes). Node "ordinals" index the node columns; the file's
// edges name targets by flat index, the parser turns those into ordinals.
import type { NodeIds } from './node-ids.js';
import type { StringTable } from './string-table.js';
import type { EdgeNames } from './edge-names.js';

export interface HeapGraph {
	readonly nodeCount: number;
	readonly edgeCount: number;
	readonly nodeTypes: readonly string[]; // meta.node_types[0]: "hidden", "array", "string", "object" ...
	readonly edgeTypes: readonly string[]; // meta.edge_types[0]: "context", "element", "property", ...
	readonly nodeType: Uint8Array;
	readonly nodeName: Uint32Array; // index into strings
	readonly nodeId: NodeIds;
	readonly nodeSelf: Uint32Array | Float64Array; // Float64 only when a self size does not fit 32 bits
	/** 0 unknown, 1 attached, 2 detached (embedder objects such as DOM nodes); absent in older snapshots. */
	readonly nodeDetachedness?: Uint8Array;
	/** firstEdge[i]..firstEdge[i+1] are node i's edges (length nodeCount + 1). */
	readonly firstEdge: Uint32Array;
	readonly edgeType: Uint8Array;
	/** String index, or the element index for element and hidden edges. */
	readonly edgeNames: EdgeNames;
	readonly edgeTo: Uint32Array; // target node ordinal
	readonly strings: StringTable;
	/** The synthetic root: the first node in every V8 snapshot. */
	readonly root: number;
	/**
	 * Memory the parse is done with (the edge names as read, before they were encoded): the analysis's first
	 * step that needs scratch takes it (takeScratch), instead of asking for more while the garbage collector
	 * has not given this back yet.
	 */
	scratch?: ArrayBufferLike;
}

export const ATTACHED = 1;
export const DETACHED = 2;

const NATIVE_CONTEXT = 'system / NativeContext';

/** A realm's name: `system / NativeContext`, with ` / <label>` while an inspector is attached (empty in Node). */
export const isNativeContextName = (name: string | undefined): boolean =>
	name !== undefined && (name === NATIVE_CONTEXT || name.startsWith(`${NATIVE_CONTEXT} / `));

/** The code of a node or edge type by name, -1 when this snapshot does not declare it. */
export const typeCode = (names: readonly string[], name: string): number => names.indexOf(name);

/**
 * DevTools' Summary grouping: objects and native objects by name, everything else by type. Two departures,
 * both for V8 14 (Node 26): a realm (`system / NativeContext`, the root's user root there) is a class of its
 * own rather than part of (system), which it would otherwise swallow whole; and the empty context label V8
 * appends to global objects and realms (`global / `, `system / NativeContext / ` while an inspector is
 * attached) is left off.
 */
export function className(graph: HeapGraph, node: number): string {
	const type = graph.nodeTypes[graph.nodeType[node]];
	const name = graph.strings.get(graph.nodeName[node]) ?? '(unknown)';
	if (type === 'native' && graph.nodeDetachedness?.[node] === DETACHED) return `Detached ${name}`;
	const unlabelled = name.endsWith(' / ') ? name.slice(0, -3) : name;
	if (type === 'object' || type === 'native') return unlabelled;
	if (type === 'hidden') return isNativeContextName(unlabelled) ? unlabelled : '(system)';
	if (type === 'code') return '(compiled code)';
	return `(${type})`;
}

/** An edge as DevTools prints it in retainer paths: .prop, [index], ->context, {internal}. */
export function edgeLabel(graph: HeapGraph, edge: number): string {
	const type = graph.edgeTypes[graph.edgeType[edge]];
	const raw = graph.edgeNames.get(edge);
	const name = type === 'element' || type === 'hidden' ? String(raw) : graph.strings.get(raw) ?? String(raw);
	switch (type) {
		case 'element':
			return `[${name}]`;
		case 'context':
			return `->${name}`;
		case 'property':
		case 'shortcut':
			return /^[A-Za-z_$][\w$]*$/.test(name) ? `.${name}` : `[${JSON.stringify(name)}]`;
		case 'weak':
			return `[[${name}]]`;
		default:
			return `{${name}}`;
	}
}

/** The graph's spare memory as a zeroed Uint32Array of `length`, if it has that much; given once. */
export function takeScratch(graph: HeapGraph, length: number): Uint32Array | undefined {
	const buffer = graph.scratch;
	if (!buffer || buffer.byteLength < 4 * length) return undefined;
	graph.scratch = undefined;
	return new Uint32Array(buffer, 0, length).fill(0);
}
