// The "nodes" and "edges" arrays, number by number into typed columns: the hot loops of parsing.
// Numbers collect in a one-node (or one-edge) row that is stored when complete, so each byte costs one
// comparison and each number one array write. The two scanners are kept apart on purpose: one shared loop
// calling a store function per row was slower, and these loops run over most of a 600 MB file.
import { describe, isSpace } from './snapshot-error.js';
import type { Meta } from './snapshot-meta.js';
import { SnapshotFormatError } from '../../errors.js';

const COMMA = 44, CLOSE_BRACKET = 93;

/** The node columns, filled from the "nodes" array; `scan` resumes where the previous chunk ended. */
export class NodeColumns {
	readonly nodeType: Uint8Array;
	readonly nodeName: Uint32Array;
	readonly nodeId: Uint32Array;
	nodeSelf: Uint32Array | Float64Array; // widened to Float64 only when a size does not fit 32 bits
	readonly nodeDetachedness: Uint8Array | undefined;
	/** firstEdge[i]..firstEdge[i+1] are node i's edges. */
	readonly firstEdge: Uint32Array;
	count = 0;
	done = false;
	private value = 0;
	private inNumber = false;
	private field = 0;
	private readonly row: Float64Array;

	constructor(private readonly meta: Meta) {
		const n = meta.nodeCount;
		this.nodeType = new Uint8Array(n);
		this.nodeName = new Uint32Array(n);
		this.nodeId = new Uint32Array(n);
		this.nodeSelf = new Uint32Array(n);
		this.nodeDetachedness = meta.offsets.detachedness >= 0 ? new Uint8Array(n) : undefined;
		this.firstEdge = new Uint32Array(n + 1);
		this.row = new Float64Array(meta.nodeFields);
	}

	/** Read numbers from chunk[start...] up to the closing "]" or the chunk's end; returns where it stopped. */
	scan(chunk: Buffer, start: number): number {
		const meta = this.meta;
		const { type: typeOff, name: nameOff, id: idOff, self: selfOff, edgeCount: countOff, detachedness: detachedOff } = meta.offsets;
		const fields = meta.nodeFields;
		const nodeCount = meta.nodeCount;
		const { nodeType, nodeName, nodeId, firstEdge, row, nodeDetachedness } = this;
		let { value, inNumber, field, count } = this;
		let i = start;
		const n = chunk.length;
		for (; i < n; i++) {
			const digit = chunk[i] - 48;
			if (digit >= 0 && digit <= 9) {
				value = value * 10 + digit;
				inNumber = true;
				continue;
			}
			const c = digit + 48;
			if (inNumber) {
				row[field++] = value;
				value = 0;
				inNumber = false;
				if (field === fields) {
					if (count >= nodeCount) throw new SnapshotFormatError(`"nodes" holds more than the ${nodeCount} nodes the header says`);
					nodeType[count] = row[typeOff];
					nodeName[count] = row[nameOff];
					nodeId[count] = row[idOff];
					if (row[selfOff] > 0xffffffff && this.nodeSelf instanceof Uint32Array) this.nodeSelf = Float64Array.from(this.nodeSelf);
					this.nodeSelf[count] = row[selfOff];
					firstEdge[count + 1] = firstEdge[count] + row[countOff];
					if (nodeDetachedness) nodeDetachedness[count] = row[detachedOff];
					field = 0;
					count++;
				}
			}
			if (c === COMMA || isSpace(c)) continue;
			if (c === CLOSE_BRACKET) {
				if (field !== 0) throw new SnapshotFormatError('"nodes" ends in the middle of a node');
				this.done = true;
				i++;
				break;
			}
			throw new SnapshotFormatError(`unexpected ${describe(c)} in "nodes"`);
		}
		Object.assign(this, { value, inNumber, field, count });
		return i;
	}
}

/** The edge columns, filled from the "edges" array; to_node becomes a node ordinal. */
export class EdgeColumns {
	readonly edgeType: Uint8Array;
	readonly edgeName: Uint32Array;
	readonly edgeTo: Uint32Array;
	count = 0;
	done = false;
	private value = 0;
	private inNumber = false;
	private field = 0;
	private readonly row: Float64Array;

	constructor(private readonly meta: Meta) {
		this.edgeType = new Uint8Array(meta.edgeCount);
		this.edgeName = new Uint32Array(meta.edgeCount);
		this.edgeTo = new Uint32Array(meta.edgeCount);
		this.row = new Float64Array(meta.edgeFields);
	}

	/** Read numbers from chunk[start...] up to the closing "]" or the chunk's end; returns where it stopped. */
	scan(chunk: Buffer, start: number): number {
		const meta = this.meta;
		const { edgeType: typeOff, edgeName: nameOff, edgeTo: toOff } = meta.offsets;
		const fields = meta.edgeFields;
		const nodeFields = meta.nodeFields;
		const nodeCount = meta.nodeCount;
		const edgeCount = meta.edgeCount;
		const { edgeType, edgeName, edgeTo, row } = this;
		let { value, inNumber, field, count } = this;
		let i = start;
		const n = chunk.length;
		for (; i < n; i++) {
			const digit = chunk[i] - 48;
			if (digit >= 0 && digit <= 9) {
				value = value * 10 + digit;
				inNumber = true;
				continue;
			}
			const c = digit + 48;
			if (inNumber) {
				row[field++] = value;
				value = 0;
				inNumber = false;
				if (field === fields) {
					if (count >= edgeCount) throw new SnapshotFormatError(`"edges" holds more than the ${edgeCount} edges the header says`);
					const target = row[toOff];
					const to = (target / nodeFields) >>> 0;
					if (to >= nodeCount || to * nodeFields !== target) throw new SnapshotFormatError(`edge ${count} points at ${target}, which is not a node`);
					edgeType[count] = row[typeOff];
					edgeName[count] = row[nameOff];
					edgeTo[count] = to;
					field = 0;
					count++;
				}
			}
			if (c === COMMA || isSpace(c)) continue;
			if (c === CLOSE_BRACKET) {
				if (field !== 0) throw new SnapshotFormatError('"edges" ends in the middle of an edge');
				this.done = true;
				i++;
				break;
			}
			throw new SnapshotFormatError(`unexpected ${describe(c)} in "edges"`);
		}
		Object.assign(this, { value, inNumber, field, count });
		return i;
	}
}
