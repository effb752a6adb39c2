// The "nodes" and "edges" arrays, number by number into typed columns: the hot loops of parsing. Whole rows go
// through a tight reader while the chunk has room for one; near a chunk's end, and for anything unusual, numbers
// collect byte by byte in a one-row buffer. Each section only says how it stores a row and what it is called.
import { describe, isSpace } from './snapshot-error.js';
import type { Meta } from './snapshot-meta.js';
import { NodeIds } from './node-ids.js';
import { SnapshotFormatError } from '../../errors.js';

const COMMA = 44, CLOSE_BRACKET = 93, NEWLINE = 10;
/** Room for a whole row of the widest layout (7 numbers of up to 16 digits, with separators) before a chunk ends. */
const ROW_ROOM = 160;
const MAX_U32 = 0xffffffff;

/**
 * One row as V8 writes it (",\n" or "\n," before it, numbers split by single commas) into row, reading each
 * number in a tight loop; returns the index after its last digit, or -1 for anything else (other whitespace,
 * the closing "]", a stray byte, a number past 32 bits), which the byte-by-byte loop then reads and judges.
 * The caller leaves ROW_ROOM. The row is 32-bit integers: stored and read back faster than doubles.
 */
function plainRow(chunk: Buffer, i: number, row: Uint32Array, fields: number): number {
	let c = chunk[i];
	while (c === COMMA || c === NEWLINE) c = chunk[++i];
	for (let f = 0; f < fields; f++) {
		if (c < 48 || c > 57) return -1;
		let v = c - 48;
		while ((c = chunk[++i]) >= 48 && c <= 57) v = v * 10 + c - 48;
		if (v > MAX_U32) return -1;
		row[f] = v;
		if (f < fields - 1) {
			if (c !== COMMA) return -1;
			c = chunk[++i];
		}
	}
	return i;
}

/** A section of numbers, row by row; `scan` resumes where the previous chunk ended. */
abstract class RowColumns {
	count = 0;
	done = false;
	private value = 0;
	private inNumber = false;
	private field = 0;
	protected readonly row: Float64Array;
	/** The fast reader's row (see plainRow). */
	protected readonly fast: Uint32Array;

	constructor(protected readonly fields: number, private readonly section: 'nodes' | 'edges') {
		this.row = new Float64Array(fields);
		this.fast = new Uint32Array(fields);
	}

	/** Row `count` from this.row (read byte by byte), checked: a bad row throws here. */
	protected abstract store(count: number): void;

	/**
	 * Rows read by plainRow from chunk[i] while i < safe, stored straight into the columns (this.count grows);
	 * returns where it stopped, at a row's start. A row it doubts (bad, or one too many) is left to the byte
	 * loop, whose store() says what is wrong. One loop per section, the columns at hand: this is most of the
	 * parse (an abstract store() per row made it half as slow again).
	 */
	protected abstract fastRows(chunk: Buffer, i: number, safe: number): number;

	/** Between two rows: no number or row half read (where a reader that stopped may be taken over). */
	get atRowStart(): boolean {
		return this.field === 0 && !this.inNumber;
	}

	/** Read numbers from chunk[start...] up to the closing "]" or the chunk's end; returns where it stopped. */
	scan(chunk: Buffer, start: number): number {
		const { row, fields } = this;
		let { value, inNumber, field, count } = this;
		let i = start;
		const n = chunk.length;
		const safe = n - ROW_ROOM;
		for (; i < n; i++) {
			if (field === 0 && !inNumber) {
				// Whole rows in the fast reader while far from the chunk's end; the rest byte by byte, below.
				this.count = count;
				i = this.fastRows(chunk, i, safe);
				count = this.count;
				if (i >= n) break;
			}
			let c = chunk[i];
			if (c >= 48 && c <= 57) {
				// The digits of a number in a loop of their own: most bytes here are digits.
				value = value * 10 + c - 48;
				inNumber = true;
				while (++i < n && (c = chunk[i]) >= 48 && c <= 57) value = value * 10 + c - 48;
				if (i === n) break;
			}
			if (inNumber) {
				row[field++] = value;
				value = 0;
				inNumber = false;
				if (field === fields) {
					this.store(count++);
					field = 0;
				}
			}
			if (c === COMMA || isSpace(c)) continue;
			if (c === CLOSE_BRACKET) {
				if (field !== 0) throw new SnapshotFormatError(`"${this.section}" ends in the middle of ${this.section === 'nodes' ? 'a node' : 'an edge'}`);
				this.done = true;
				i++;
				break;
			}
			throw new SnapshotFormatError(`unexpected ${describe(c)} in "${this.section}"`);
		}
		Object.assign(this, { value, inNumber, field, count });
		return i;
	}
}

/** The node columns, filled from the "nodes" array. */
export class NodeColumns extends RowColumns {
	readonly nodeType: Uint8Array;
	readonly nodeName: Uint32Array;
	readonly nodeId: NodeIds;
	nodeSelf: Uint32Array | Float64Array; // widened to Float64 only when a size does not fit 32 bits
	readonly nodeDetachedness: Uint8Array | undefined;
	/** firstEdge[i]..firstEdge[i+1] are node i's edges. */
	readonly firstEdge: Uint32Array;

	constructor(private readonly meta: Meta) {
		super(meta.nodeFields, 'nodes');
		const n = meta.nodeCount;
		this.nodeType = new Uint8Array(n);
		this.nodeName = new Uint32Array(n);
		this.nodeId = new NodeIds(n);
		this.nodeSelf = new Uint32Array(n);
		this.nodeDetachedness = meta.offsets.detachedness >= 0 ? new Uint8Array(n) : undefined;
		this.firstEdge = new Uint32Array(n + 1);
	}

	protected store(count: number): void {
		const { row, meta } = this;
		const { type: typeOff, name: nameOff, id: idOff, self: selfOff, edgeCount: countOff, detachedness: detachedOff } = meta.offsets;
		if (count >= meta.nodeCount) throw new SnapshotFormatError(`"nodes" holds more than the ${meta.nodeCount} nodes the header says`);
		this.nodeType[count] = row[typeOff];
		this.nodeName[count] = row[nameOff];
		this.nodeId.push(count, row[idOff]);
		if (row[selfOff] > 0xffffffff && this.nodeSelf instanceof Uint32Array) this.nodeSelf = Float64Array.from(this.nodeSelf);
		this.nodeSelf[count] = row[selfOff];
		this.firstEdge[count + 1] = this.firstEdge[count] + row[countOff];
		if (this.nodeDetachedness) this.nodeDetachedness[count] = row[detachedOff];
	}

	protected fastRows(chunk: Buffer, i: number, safe: number): number {
		const { fast, fields, meta, nodeType, nodeName, nodeId, nodeSelf, firstEdge, nodeDetachedness } = this;
		const { type: typeOff, name: nameOff, id: idOff, self: selfOff, edgeCount: countOff, detachedness: detachedOff } = meta.offsets;
		let count = this.count;
		for (let next; i < safe && count < meta.nodeCount && (next = plainRow(chunk, i, fast, fields)) >= 0; i = next, count++) {
			nodeType[count] = fast[typeOff];
			nodeName[count] = fast[nameOff];
			nodeId.push(count, fast[idOff]);
			nodeSelf[count] = fast[selfOff];
			firstEdge[count + 1] = firstEdge[count] + fast[countOff];
			if (nodeDetachedness) nodeDetachedness[count] = fast[detachedOff];
		}
		this.count = count;
		return i;
	}
}

/** The edge columns, filled from the "edges" array; to_node becomes a node ordinal. */
export class EdgeColumns extends RowColumns {
	readonly edgeType: Uint8Array;
	readonly edgeName: Uint32Array;
	readonly edgeTo: Uint32Array;

	/**
	 * `shared`: arrays to fill (on shared memory, when another thread parses the edges), else new ones.
	 * `fromEnd`: the rows read are the section's last ones, stored from the arrays' end backwards (row 0 at the
	 * last index): a thread that reads the second half does not know how many rows the first half holds.
	 */
	constructor(private readonly meta: Meta, shared?: Pick<EdgeColumns, 'edgeType' | 'edgeName' | 'edgeTo'>, private readonly fromEnd = false) {
		super(meta.edgeFields, 'edges');
		this.edgeType = shared?.edgeType ?? new Uint8Array(meta.edgeCount);
		this.edgeName = shared?.edgeName ?? new Uint32Array(meta.edgeCount);
		this.edgeTo = shared?.edgeTo ?? new Uint32Array(meta.edgeCount);
	}

	protected store(count: number): void {
		const { row, meta } = this;
		const { edgeType: typeOff, edgeName: nameOff, edgeTo: toOff } = meta.offsets;
		if (count >= meta.edgeCount) throw new SnapshotFormatError(`"edges" holds more than the ${meta.edgeCount} edges the header says`);
		const target = row[toOff];
		const to = (target / meta.nodeFields) >>> 0;
		if (to >= meta.nodeCount || to * meta.nodeFields !== target) throw new SnapshotFormatError(`edge ${count} points at ${target}, which is not a node`);
		const at = this.fromEnd ? meta.edgeCount - 1 - count : count;
		this.edgeType[at] = row[typeOff];
		this.edgeName[at] = row[nameOff];
		this.edgeTo[at] = to;
	}

	protected fastRows(chunk: Buffer, i: number, safe: number): number {
		const { fast, fields, meta, edgeType, edgeName, edgeTo, fromEnd } = this;
		const { edgeType: typeOff, edgeName: nameOff, edgeTo: toOff } = meta.offsets;
		const { nodeFields, nodeCount, edgeCount } = meta;
		let count = this.count;
		for (let next; i < safe && count < edgeCount && (next = plainRow(chunk, i, fast, fields)) >= 0; i = next, count++) {
			const target = fast[toOff];
			const to = (target / nodeFields) >>> 0;
			if (to >= nodeCount || to * nodeFields !== target) break;
			const at = fromEnd ? edgeCount - 1 - count : count;
			edgeType[at] = fast[typeOff];
			edgeName[at] = fast[nameOff];
			edgeTo[at] = to;
		}
		this.count = count;
		return i;
	}
}
