// A push parser for .heapsnapshot JSON: feed it the file's bytes in chunks of any size, get a HeapGraph.
// It never holds the file or one big string (V8 caps strings near 512 M characters) and makes no object
// per node: numbers go straight from bytes into typed arrays, field by field. Only the small "snapshot"
// header is JSON.parse'd. Sections it does not use (trace tree, samples, locations) are skipped unparsed.
import type { HeapGraph } from './graph.js';

/** The input is not a heap snapshot memtop can read; the message says what was found. */
export class SnapshotFormatError extends Error {}

const TOP_START = 0, TOP_KEY = 1, KEY = 2, COLON = 3, VALUE = 4, HEADER = 5, NUMBERS = 6, STRINGS = 7, STRING = 8, SKIP = 9, DONE = 10;
const QUOTE = 34, BACKSLASH = 92, COMMA = 44, COLON_CHAR = 58, OPEN_BRACKET = 91, CLOSE_BRACKET = 93, OPEN_BRACE = 123, CLOSE_BRACE = 125;
const isSpace = (c: number) => c === 32 || c === 10 || c === 13 || c === 9;

interface Meta {
	nodeFields: number;
	edgeFields: number;
	nodeCount: number;
	edgeCount: number;
	nodeTypes: string[];
	edgeTypes: string[];
	offsets: { type: number; name: number; id: number; self: number; edgeCount: number; detachedness: number; edgeType: number; edgeName: number; edgeTo: number };
	rootOrdinal: number;
}

export class SnapshotParser {
	private state = TOP_START;
	private key = '';
	private parts: Buffer[] = []; // bytes of the token being read when it spans chunks
	private inString = false;
	private escaped = false;
	private hasEscape = false;
	private depth = 0;
	private section: 'nodes' | 'edges' | '' = '';
	private value = 0;
	private inNumber = false;
	private field = 0;
	private ordinal = 0;
	private edgesSoFar = 0;
	private seen = new Set<string>();
	private meta?: Meta;
	private nodeType = new Uint8Array(0);
	private nodeName = new Uint32Array(0);
	private nodeId = new Uint32Array(0);
	private nodeSelf: Uint32Array | Float64Array = new Uint32Array(0);
	private nodeDetachedness: Uint8Array | undefined;
	private firstEdge = new Uint32Array(1);
	private edgeType = new Uint8Array(0);
	private edgeName = new Uint32Array(0);
	private edgeTo = new Uint32Array(0);
	private strings: string[] = [];
	private wanted: Uint8Array | undefined;
	private row = new Float64Array(0); // the fields of the node or edge being read
	/** Bytes consumed so far: progress for the caller. */
	bytes = 0;

	/** Parse the next chunk; throws SnapshotFormatError at the first byte that cannot belong to a snapshot. */
	push(chunk: Buffer): void {
		let i = 0;
		const n = chunk.length;
		while (i < n) {
			switch (this.state) {
				case TOP_START: {
					const c = chunk[i++];
					if (isSpace(c) || (c === 0xef || c === 0xbb || c === 0xbf)) continue; // whitespace, a UTF-8 BOM
					if (c !== OPEN_BRACE) throw this.fail(`it does not start with "{" (found ${describe(c)})`);
					this.state = TOP_KEY;
					break;
				}
				case TOP_KEY: {
					const c = chunk[i++];
					if (isSpace(c) || c === COMMA) continue;
					if (c === CLOSE_BRACE) this.state = DONE;
					else if (c === QUOTE) this.startToken(KEY);
					else throw this.fail(`expected a key at the top level, found ${describe(c)}`);
					break;
				}
				case KEY:
				case STRING:
					i = this.scanString(chunk, i);
					break;
				case COLON: {
					const c = chunk[i++];
					if (isSpace(c)) continue;
					if (c !== COLON_CHAR) throw this.fail(`expected ":" after "${this.key}"`);
					this.state = VALUE;
					break;
				}
				case VALUE:
					i = this.startValue(chunk, i);
					break;
				case HEADER:
					i = this.scanHeader(chunk, i);
					break;
				case NUMBERS:
					i = this.section === 'nodes' ? this.scanNodes(chunk, i) : this.scanEdges(chunk, i);
					break;
				case STRINGS: {
					const c = chunk[i++];
					if (isSpace(c) || c === COMMA) continue;
					if (c === QUOTE) this.startToken(STRING);
					else if (c === CLOSE_BRACKET) this.state = TOP_KEY;
					else throw this.fail(`expected a string in "strings", found ${describe(c)}`);
					break;
				}
				case SKIP:
					i = this.skipValue(chunk, i);
					break;
				case DONE: {
					const c = chunk[i++];
					if (!isSpace(c) && c !== 0) throw this.fail(`unexpected ${describe(c)} after the end of the snapshot`);
					break;
				}
			}
		}
		this.bytes += n;
	}

	/** The graph, once every byte was pushed; throws when the file ended early or the sections disagree. */
	finish(): HeapGraph {
		const meta = this.meta;
		if (this.state !== DONE) {
			const where = this.state === NUMBERS ? `inside "${this.section}"` : this.state === STRING || this.state === STRINGS ? 'inside "strings"' : 'early';
			throw new SnapshotFormatError(`the file ends ${where}: it is truncated (was the snapshot still being written?)`);
		}
		if (!meta) throw new SnapshotFormatError('no "snapshot" header with "meta": this is JSON, but not a V8 heap snapshot');
		for (const name of ['nodes', 'edges', 'strings']) {
			if (!this.seen.has(name)) throw new SnapshotFormatError(`no "${name}" section: this is not a complete V8 heap snapshot`);
		}
		if (this.ordinal !== meta.nodeCount) throw new SnapshotFormatError(`"nodes" holds ${this.ordinal} nodes but the header says ${meta.nodeCount}`);
		if (this.edgesSoFar !== meta.edgeCount) throw new SnapshotFormatError(`"edges" holds ${this.edgesSoFar} edges but the header says ${meta.edgeCount}`);
		if (this.firstEdge[meta.nodeCount] !== meta.edgeCount) throw new SnapshotFormatError(`the nodes' edge counts add up to ${this.firstEdge[meta.nodeCount]}, not ${meta.edgeCount}`);
		this.checkStringIndexes(meta);
		const graph: HeapGraph = {
			nodeCount: meta.nodeCount,
			edgeCount: meta.edgeCount,
			nodeTypes: meta.nodeTypes,
			edgeTypes: meta.edgeTypes,
			nodeType: this.nodeType,
			nodeName: this.nodeName,
			nodeId: this.nodeId,
			nodeSelf: this.nodeSelf,
			nodeDetachedness: this.nodeDetachedness,
			firstEdge: this.firstEdge,
			edgeType: this.edgeType,
			edgeName: this.edgeName,
			edgeTo: this.edgeTo,
			strings: this.strings,
			root: meta.rootOrdinal,
		};
		return graph;
	}

	private fail(what: string): SnapshotFormatError {
		return new SnapshotFormatError(`not a V8 heap snapshot: ${what} near byte ${this.bytes}`);
	}

	private startToken(state: number): void {
		this.state = state;
		this.parts = [];
		this.escaped = false;
		this.hasEscape = false;
	}

	/** Read a JSON string (a key, or an entry of "strings") up to its closing quote, across chunks. */
	private scanString(chunk: Buffer, start: number): number {
		let i = start;
		const n = chunk.length;
		let escaped = this.escaped;
		for (; i < n; i++) {
			const c = chunk[i];
			if (escaped) escaped = false;
			else if (c === BACKSLASH) escaped = this.hasEscape = true;
			else if (c === QUOTE) break;
		}
		this.escaped = escaped;
		const wanted = this.state === KEY || this.wantedString(this.strings.length);
		if (i === n) {
			if (wanted) this.parts.push(Buffer.from(chunk.subarray(start, n))); // a copy: the caller reuses its buffer
			return n;
		}
		let text = '';
		if (wanted) {
			const raw = this.parts.length ? Buffer.concat([...this.parts, chunk.subarray(start, i)]).toString('utf8') : chunk.toString('utf8', start, i);
			text = this.hasEscape ? (JSON.parse(`"${raw}"`) as string) : raw;
		}
		this.parts = [];
		this.hasEscape = false;
		if (this.state === KEY) {
			this.key = text;
			this.state = COLON;
		} else {
			this.strings.push(text);
			this.state = STRINGS;
		}
		return i + 1;
	}

	/**
	 * Whether string i is worth decoding: names of objects, natives and synthetic nodes, and edge names are;
	 * the values of string nodes (most of the strings, and most of their bytes) are never shown, so they stay ''.
	 */
	private wantedString(index: number): boolean {
		if (!this.seen.has('nodes') || !this.seen.has('edges')) return true; // an unusual order: keep everything
		if (!this.wanted) this.wanted = this.markWantedStrings();
		return index >= this.wanted.length || this.wanted[index] === 1;
	}

	private markWantedStrings(): Uint8Array {
		const meta = this.meta!;
		let max = 0;
		for (let node = 0; node < meta.nodeCount; node++) if (this.nodeName[node] > max) max = this.nodeName[node];
		const wanted = new Uint8Array(max + 1);
		const keep = ['object', 'native', 'synthetic'].map((type) => meta.nodeTypes.indexOf(type));
		for (let node = 0; node < meta.nodeCount; node++) {
			const type = this.nodeType[node];
			if (type === keep[0] || type === keep[1] || type === keep[2]) wanted[this.nodeName[node]] = 1;
		}
		// Edge names are wanted: any index beyond the nodes' largest is wanted (see wantedString); mark the rest.
		const element = meta.edgeTypes.indexOf('element');
		const hidden = meta.edgeTypes.indexOf('hidden');
		for (let edge = 0; edge < meta.edgeCount; edge++) {
			const type = this.edgeType[edge];
			const name = this.edgeName[edge];
			if (type !== element && type !== hidden && name <= max) wanted[name] = 1;
		}
		return wanted;
	}

	private startValue(chunk: Buffer, i: number): number {
		const c = chunk[i];
		if (isSpace(c)) return i + 1;
		const key = this.key;
		if (this.seen.has(key)) throw this.fail(`"${key}" appears twice`);
		this.seen.add(key);
		if (key === 'snapshot') {
			if (c !== OPEN_BRACE) throw this.fail('"snapshot" is not an object');
			this.depth = 0;
			this.inString = false;
			this.parts = [];
			this.state = HEADER;
			return i;
		}
		if (key === 'nodes' || key === 'edges' || key === 'strings') {
			if (!this.meta) throw this.fail(`"${key}" comes before the "snapshot" header, which memtop needs first`);
			if (c !== OPEN_BRACKET) throw this.fail(`"${key}" is not an array`);
			if (key === 'strings') this.state = STRINGS;
			else {
				this.state = NUMBERS;
				this.section = key;
				this.field = 0;
				this.value = 0;
				this.inNumber = false;
			}
			return i + 1;
		}
		this.depth = 0;
		this.inString = false;
		this.escaped = false;
		this.state = SKIP;
		return i;
	}

	/** Collect the "snapshot" object's bytes (small: meta and counts), then JSON.parse them. */
	private scanHeader(chunk: Buffer, start: number): number {
		const end = this.scanBalanced(chunk, start);
		this.parts.push(Buffer.from(chunk.subarray(start, end)));
		if (this.depth === 0 && end > start) {
			let header: unknown;
			try {
				header = JSON.parse(Buffer.concat(this.parts).toString('utf8'));
			} catch {
				throw this.fail('the "snapshot" header is not valid JSON');
			}
			this.parts = [];
			this.setMeta(readMeta(header));
			this.state = TOP_KEY;
		}
		return end;
	}

	/** Skip a value memtop does not use (trace tree, samples, locations ...), strings and nesting included. */
	private skipValue(chunk: Buffer, start: number): number {
		let i = start;
		if (this.depth === 0 && !this.inString) {
			const c = chunk[i];
			if (c !== OPEN_BRACKET && c !== OPEN_BRACE && c !== QUOTE) {
				// A number, true, false or null: it ends at the next "," or "}".
				while (i < chunk.length && chunk[i] !== COMMA && chunk[i] !== CLOSE_BRACE) i++;
				if (i < chunk.length) this.state = TOP_KEY;
				return i;
			}
		}
		const end = this.scanBalanced(chunk, i);
		if (this.depth === 0 && !this.inString && end > i) this.state = TOP_KEY;
		return end;
	}

	/** Advance over one JSON value that starts with [, { or ", tracking depth across chunks; returns the index after it or the chunk end. */
	private scanBalanced(chunk: Buffer, start: number): number {
		let { depth, inString, escaped } = this;
		let i = start;
		for (; i < chunk.length; i++) {
			const c = chunk[i];
			if (inString) {
				if (escaped) escaped = false;
				else if (c === BACKSLASH) escaped = true;
				else if (c === QUOTE) {
					inString = false;
					if (depth === 0) {
						i++;
						break;
					}
				}
			} else if (c === QUOTE) inString = true;
			else if (c === OPEN_BRACKET || c === OPEN_BRACE) depth++;
			else if (c === CLOSE_BRACKET || c === CLOSE_BRACE) {
				depth--;
				if (depth === 0) {
					i++;
					break;
				}
			}
		}
		this.depth = depth;
		this.inString = inString;
		this.escaped = escaped;
		return i;
	}

	private setMeta(meta: Meta): void {
		this.meta = meta;
		const { nodeCount, edgeCount } = meta;
		this.nodeType = new Uint8Array(nodeCount);
		this.nodeName = new Uint32Array(nodeCount);
		this.nodeId = new Uint32Array(nodeCount);
		this.nodeSelf = new Uint32Array(nodeCount);
		if (meta.offsets.detachedness >= 0) this.nodeDetachedness = new Uint8Array(nodeCount);
		this.firstEdge = new Uint32Array(nodeCount + 1);
		this.edgeType = new Uint8Array(edgeCount);
		this.edgeName = new Uint32Array(edgeCount);
		this.edgeTo = new Uint32Array(edgeCount);
		this.row = new Float64Array(Math.max(meta.nodeFields, meta.edgeFields));
	}

	/**
	 * The nodes array into the node columns. The hot loop: numbers collect in a one-node row, which is
	 * stored when complete, so each byte costs one comparison and each number one array write.
	 */
	private scanNodes(chunk: Buffer, start: number): number {
		const meta = this.meta!;
		const { type: typeOff, name: nameOff, id: idOff, self: selfOff, edgeCount: countOff, detachedness: detachedOff } = meta.offsets;
		const fields = meta.nodeFields;
		const nodeCount = meta.nodeCount;
		const { nodeType, nodeName, nodeId, firstEdge, row, nodeDetachedness } = this;
		let { value, inNumber, field, ordinal } = this;
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
					if (ordinal >= nodeCount) throw this.fail(`"nodes" holds more than the ${nodeCount} nodes the header says`);
					nodeType[ordinal] = row[typeOff];
					nodeName[ordinal] = row[nameOff];
					nodeId[ordinal] = row[idOff];
					if (row[selfOff] > 0xffffffff) this.widenSelf();
					this.nodeSelf[ordinal] = row[selfOff];
					firstEdge[ordinal + 1] = firstEdge[ordinal] + row[countOff];
					if (nodeDetachedness) nodeDetachedness[ordinal] = row[detachedOff];
					field = 0;
					ordinal++;
				}
			}
			if (c === COMMA || isSpace(c)) continue;
			if (c === CLOSE_BRACKET) {
				if (field !== 0) throw this.fail('"nodes" ends in the middle of a node');
				this.state = TOP_KEY;
				i++;
				break;
			}
			throw this.fail(`unexpected ${describe(c)} in "nodes"`);
		}
		Object.assign(this, { value, inNumber, field, ordinal });
		return i;
	}

	private widenSelf(): void {
		if (this.nodeSelf instanceof Uint32Array) this.nodeSelf = Float64Array.from(this.nodeSelf);
	}

	/** The edges array into the edge columns, the same way; to_node becomes a node ordinal. */
	private scanEdges(chunk: Buffer, start: number): number {
		const meta = this.meta!;
		const { edgeType: typeOff, edgeName: nameOff, edgeTo: toOff } = meta.offsets;
		const fields = meta.edgeFields;
		const nodeFields = meta.nodeFields;
		const nodeCount = meta.nodeCount;
		const edgeCount = meta.edgeCount;
		const { edgeType, edgeName, edgeTo, row } = this;
		let { value, inNumber, field } = this;
		let edge = this.edgesSoFar;
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
					if (edge >= edgeCount) throw this.fail(`"edges" holds more than the ${edgeCount} edges the header says`);
					const target = row[toOff];
					const to = (target / nodeFields) >>> 0;
					if (to >= nodeCount || to * nodeFields !== target) throw this.fail(`edge ${edge} points at ${target}, which is not a node`);
					edgeType[edge] = row[typeOff];
					edgeName[edge] = row[nameOff];
					edgeTo[edge] = to;
					field = 0;
					edge++;
				}
			}
			if (c === COMMA || isSpace(c)) continue;
			if (c === CLOSE_BRACKET) {
				if (field !== 0) throw this.fail('"edges" ends in the middle of an edge');
				this.state = TOP_KEY;
				i++;
				break;
			}
			throw this.fail(`unexpected ${describe(c)} in "edges"`);
		}
		Object.assign(this, { value, inNumber, field });
		this.edgesSoFar = edge;
		return i;
	}

	private checkStringIndexes(meta: Meta): void {
		const count = this.strings.length;
		for (let node = 0; node < meta.nodeCount; node++) {
			if (this.nodeName[node] >= count) throw new SnapshotFormatError(`node ${node} names string ${this.nodeName[node]}, but there are ${count} strings`);
		}
		const element = meta.edgeTypes.indexOf('element');
		const hidden = meta.edgeTypes.indexOf('hidden');
		for (let edge = 0; edge < meta.edgeCount; edge++) {
			const type = this.edgeType[edge];
			if (type !== element && type !== hidden && this.edgeName[edge] >= count) {
				throw new SnapshotFormatError(`edge ${edge} names string ${this.edgeName[edge]}, but there are ${count} strings`);
			}
		}
	}
}

function describe(c: number): string {
	return c >= 32 && c < 127 ? `"${String.fromCharCode(c)}"` : `byte 0x${c.toString(16)}`;
}

/** The fields memtop needs from snapshot.meta, or a SnapshotFormatError naming what is missing. */
function readMeta(header: unknown): Meta {
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
