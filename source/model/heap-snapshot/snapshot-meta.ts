import { SnapshotFormatError } from '../../errors.js';
// The "snapshot" header of a .heapsnapshot: which fields and types the file declares, and where the fields
// memtop needs sit in each node and edge. An unknown layout is an error that names what is missing.

export interface Meta {
	nodeFields: number;
	edgeFields: number;
	nodeCount: number;
	edgeCount: number;
	nodeTypes: string[];
	edgeTypes: string[];
	offsets: { type: number; name: number; id: number; self: number; edgeCount: number; detachedness: number; edgeType: number; edgeName: number; edgeTo: number };
	rootOrdinal: number;
}

/** The fields memtop needs from snapshot.meta, or a SnapshotFormatError naming what is missing. */
export function readMeta(header: unknown): Meta {
	const h = header as { meta?: Record<string, unknown>; node_count?: unknown; edge_count?: unknown; root_index?: unknown };
	const meta = h?.meta;
	if (!meta || typeof meta !== 'object') throw new SnapshotFormatError('the "snapshot" header has no "meta": not a V8 heap snapshot');
	const nodeFields = meta.node_fields as unknown;
	const edgeFields = meta.edge_fields as unknown;
	const nodeTypes = (meta.node_types as unknown[] | undefined)?.[0];
	const edgeTypes = (meta.edge_types as unknown[] | undefined)?.[0];
	if (!isStrings(nodeFields) || !isStrings(edgeFields) || !isStrings(nodeTypes) || !isStrings(edgeTypes)) {
		throw new SnapshotFormatError('snapshot.meta lacks node_fields, edge_fields, node_types or edge_types: not a V8 heap snapshot memtop knows');
	}
	const need = (fields: string[], name: string) => {
		const at = fields.indexOf(name);
		if (at < 0) throw new SnapshotFormatError(`snapshot.meta has no "${name}" field (fields: ${fields.join(', ')}): an unknown snapshot layout`);
		return at;
	};
	for (const type of ['object', 'hidden', 'synthetic']) {
		if (!nodeTypes.includes(type)) throw new SnapshotFormatError(`snapshot.meta.node_types has no "${type}": an unknown snapshot layout`);
	}
	for (const type of ['element', 'property', 'weak', 'shortcut', 'internal', 'hidden']) {
		if (!edgeTypes.includes(type)) throw new SnapshotFormatError(`snapshot.meta.edge_types has no "${type}": an unknown snapshot layout`);
	}
	const nodeCount = h.node_count;
	const edgeCount = h.edge_count;
	if (!isCount(nodeCount) || !isCount(edgeCount) || nodeCount === 0) throw new SnapshotFormatError('the "snapshot" header has no valid node_count and edge_count');
	const rootIndex = h.root_index === undefined ? 0 : Number(h.root_index);
	if (!isCount(rootIndex) || rootIndex % nodeFields.length !== 0 || rootIndex / nodeFields.length >= nodeCount) throw new SnapshotFormatError('snapshot.root_index is not a node');
	return {
		nodeFields: nodeFields.length,
		edgeFields: edgeFields.length,
		nodeCount,
		edgeCount,
		nodeTypes,
		edgeTypes,
		offsets: {
			type: need(nodeFields, 'type'),
			name: need(nodeFields, 'name'),
			id: need(nodeFields, 'id'),
			self: need(nodeFields, 'self_size'),
			edgeCount: need(nodeFields, 'edge_count'),
			detachedness: nodeFields.indexOf('detachedness'), // newer V8 only: -1 when absent
			edgeType: need(edgeFields, 'type'),
			edgeName: need(edgeFields, 'name_or_index'),
			edgeTo: need(edgeFields, 'to_node'),
		},
		rootOrdinal: rootIndex / nodeFields.length,
	};
}

const isStrings = (x: unknown): x is string[] => Array.isArray(x) && x.length > 0 && x.every((s) => typeof s === 'string');
const isCount = (x: unknown): x is number => typeof x === 'number' && Number.isInteger(x) && x >= 0;

/**
 * Every number in "nodes" and "edges" takes at least two bytes ("0,"): a header that claims more than the input
 * holds (or than any heap can have) is a lie or a truncation, found before any array is made for it.
 */
export function checkCountsFit(meta: Meta, totalBytes: number): void {
	if (meta.nodeCount >= 2 ** 31 || meta.edgeCount >= 2 ** 32) {
		throw new SnapshotFormatError(`the header claims ${meta.nodeCount} nodes and ${meta.edgeCount} edges: more than any heap V8 can have`);
	}
	const least = 2 * (meta.nodeCount * meta.nodeFields + meta.edgeCount * meta.edgeFields);
	if (least > totalBytes) {
		throw new SnapshotFormatError(`the header claims ${meta.nodeCount} nodes and ${meta.edgeCount} edges, which take at least ${least} bytes, ` +
			`but there are ${totalBytes}: not a whole heap snapshot`);
	}
}
