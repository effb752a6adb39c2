// A push parser for .heapsnapshot JSON: feed it the file's bytes in chunks of any size, get a HeapGraph.
// It never holds the file or one big string (V8 caps strings near 512 M characters) and makes no object
// per node: numbers go straight from bytes into typed arrays, field by field. Only the small "snapshot"
// header is JSON.parse'd. Sections it does not use (trace tree, samples, locations) are skipped unparsed.
import type { HeapGraph } from './graph.js';
import { closingQuote, describe, isSpace } from './snapshot-error.js';
import { checkCountsFit, readMeta, type Meta } from './snapshot-meta.js';
import { checkStringIndexes, mergedMarks, nodeNameMarks, unescaped, wantedStrings } from './string-indexes.js';
import type { EdgeArrays, EdgeNameWork } from './parsed-elsewhere.js';
import { StringsSection } from './strings-section.js';
import { StringTable } from './string-table.js';
import { EdgeNames } from './edge-names.js';
import { BalancedValue } from './skip-value.js';
import { EdgeColumns, NodeColumns } from './columns.js';
import { SnapshotFormatError } from '../../errors.js';

const TOP_START = 0, TOP_KEY = 1, KEY = 2, COLON = 3, VALUE = 4, HEADER = 5, NUMBERS = 6, STRINGS = 7, SKIP = 9, DONE = 10;
const QUOTE = 34, COMMA = 44, COLON_CHAR = 58, OPEN_BRACKET = 91, CLOSE_BRACKET = 93, OPEN_BRACE = 123, CLOSE_BRACE = 125;

export class SnapshotParser {
	private state = TOP_START;
	private key = '';
	private parts: Buffer[] = []; // bytes of the token being read when it spans chunks
	escaped = false; // the string being read: see closingQuote
	hasEscape = false;
	private readonly value = new BalancedValue(); // the value being skipped, or the header being collected
	private section: 'nodes' | 'edges' | '' = '';
	private seen = new Set<string>();
	private meta?: Meta;
	private nodes?: NodeColumns;
	private edges?: EdgeColumns;
	private strings?: StringsSection;
	private nameWork?: EdgeNameWork;
	/** Bytes consumed so far: progress for the caller. */
	bytes = 0;
	/** `totalBytes`: the whole input's size when known (a file's): header counts are checked against it. */
	/** beforeAllocating: told the header's counts before the arrays are made for them (a memory check). */
	constructor(private readonly totalBytes?: number, private readonly beforeAllocating?: (meta: Meta) => void) {}

	/** Parse the next chunk; throws SnapshotFormatError at the first byte that cannot belong to a snapshot. */
	push(chunk: Buffer): void {
		let i = 0;
		const n = chunk.length;
		while (i < n) {
			// Numbers, strings and skipped values are scanned in bulk; the states between them take one byte.
			switch (this.state) {
				case KEY:
					i = this.scanKey(chunk, i);
					break;
				case STRINGS:
					i = this.scanStrings(chunk, i);
					break;
				case VALUE:
					i = this.startValue(chunk, i);
					break;
				case HEADER:
					i = this.scanHeader(chunk, i);
					break;
				case NUMBERS:
					i = this.scanNumbers(chunk, i);
					break;
				case SKIP:
					i = this.skipValue(chunk, i);
					break;
				default:
					this.punctuation(chunk[i++]);
			}
		}
		this.bytes += n;
	}

	/** One byte between values: whitespace, a comma, a bracket, a quote that starts a key or a string. */
	private punctuation(c: number): void {
		if (isSpace(c)) return;
		if (this.state === TOP_START) {
			if (c === 0xef || c === 0xbb || c === 0xbf) return; // a UTF-8 BOM
			if (c !== OPEN_BRACE) throw this.fail(`it does not start with "{" (found ${describe(c)})`);
			this.state = TOP_KEY;
		} else if (this.state === TOP_KEY) {
			if (c === COMMA) return;
			if (c === CLOSE_BRACE) this.state = DONE;
			else if (c === QUOTE) this.startToken(KEY);
			else throw this.fail(`expected a key at the top level, found ${describe(c)}`);
		} else if (this.state === COLON) {
			if (c !== COLON_CHAR) throw this.fail(`expected ":" after "${this.key}"`);
			this.state = VALUE;
		} else if (c !== 0) {
			throw this.fail(`unexpected ${describe(c)} after the end of the snapshot`); // DONE
		}
	}

	private scanNumbers(chunk: Buffer, i: number): number {
		const columns = this.section === 'nodes' ? this.nodes! : this.edges!;
		try {
			i = columns.scan(chunk, i);
		} catch (error) {
			throw error instanceof SnapshotFormatError ? this.fail(error.message) : error;
		}
		if (columns.done) this.state = TOP_KEY;
		return i;
	}

	/** The header, once read. */
	get header(): Meta | undefined {
		return this.meta;
	}

	/** Nodes still to come while inside "nodes"; undefined elsewhere. */
	get nodesLeft(): number | undefined {
		return this.state === NUMBERS && this.section === 'nodes' ? this.meta!.nodeCount - this.nodes!.count : undefined;
	}

	/** Whether the next key may be "edges", parsed elsewhere: the nodes are read, the edges not, and a key is due. */
	get awaitsEdges(): boolean {
		return this.state === TOP_KEY && this.seen.has('nodes') && !this.seen.has('edges');
	}

	/** Take the "edges" array, parsed by another thread, as if it had been pushed; `end` is the byte after it. */
	adoptEdges(edges: EdgeArrays, end: number, names?: EdgeNameWork): void {
		if (!this.awaitsEdges) throw new Error('adoptEdges: the parser is not at a key after "nodes"');
		const columns = new EdgeColumns(this.meta!, edges);
		columns.count = edges.count;
		columns.done = true;
		this.edges = columns;
		this.seen.add('edges');
		this.bytes = end;
		this.nameWork = names;
	}

	/** The graph, once every byte was pushed; throws when the file ended early or the sections disagree. */
	finish(): HeapGraph {
		const meta = this.meta;
		if (this.state !== DONE) {
			const where = this.state === NUMBERS ? `inside "${this.section}"` : this.state === STRINGS ? 'inside "strings"' : 'early';
			throw new SnapshotFormatError(`the file ends ${where}: it is truncated (was the snapshot still being written?)`);
		}
		if (!meta) throw new SnapshotFormatError('no "snapshot" header with "meta": this is JSON, but not a V8 heap snapshot');
		for (const name of ['nodes', 'edges', 'strings']) {
			if (!this.seen.has(name)) throw new SnapshotFormatError(`no "${name}" section: this is not a complete V8 heap snapshot`);
		}
		const nodes = this.nodes!;
		const edges = this.edges!;
		if (nodes.count !== meta.nodeCount) throw new SnapshotFormatError(`"nodes" holds ${nodes.count} nodes but the header says ${meta.nodeCount}`);
		if (edges.count !== meta.edgeCount) throw new SnapshotFormatError(`"edges" holds ${edges.count} edges but the header says ${meta.edgeCount}`);
		if (nodes.firstEdge[meta.nodeCount] !== meta.edgeCount) throw new SnapshotFormatError(`the nodes' edge counts add up to ${nodes.firstEdge[meta.nodeCount]}, not ${meta.edgeCount}`);
		const strings = this.strings?.table ?? new StringTable();
		// When "strings" came last, as V8 writes it, the names said how many strings there must be: the file may
		// hold fewer. In any other order nothing is known of the names yet.
		const count = this.strings?.count ?? 0;
		if (count < (this.strings?.expected ?? 0) || !this.strings?.sized) checkStringIndexes(meta, count, nodes.nodeName, edges.edgeType, edges.edgeName);
		return {
			nodeCount: meta.nodeCount,
			edgeCount: meta.edgeCount,
			nodeTypes: meta.nodeTypes,
			edgeTypes: meta.edgeTypes,
			nodeType: nodes.nodeType,
			nodeName: nodes.nodeName,
			nodeId: nodes.nodeId,
			nodeSelf: nodes.nodeSelf,
			nodeDetachedness: nodes.nodeDetachedness,
			firstEdge: nodes.firstEdge,
			edgeType: edges.edgeType,
			edgeNames: this.nameWork?.encoded() ?? EdgeNames.encode(edges.edgeName, meta.edgeCount),
			edgeTo: edges.edgeTo,
			strings,
			root: meta.rootOrdinal,
			scratch: edges.edgeName.buffer,
		};
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

	/** Read a key up to its closing quote, across chunks. */
	private scanKey(chunk: Buffer, start: number): number {
		const n = chunk.length;
		const i = closingQuote(chunk, start, this);
		this.parts.push(Buffer.from(chunk.subarray(start, i))); // a copy: the caller reuses its buffer
		if (i === n) return n;
		const raw = Buffer.concat(this.parts).toString('utf8');
		this.key = this.hasEscape ? unescaped(raw, () => this.fail('a key with a broken escape')) : raw;
		this.parts = [];
		this.state = COLON;
		return i + 1;
	}

	/** The "strings" array, read by a section reader of its own (strings-section.ts). */
	private scanStrings(chunk: Buffer, start: number): number {
		this.strings ??= new StringsSection(this.wantedStrings());
		try {
			const end = this.strings.scan(chunk, start);
			if (this.strings.done) this.state = TOP_KEY;
			return end;
		} catch (error) {
			throw error instanceof SnapshotFormatError ? this.fail(error.message) : error;
		}
	}

	/**
	 * Which strings are worth decoding: names of objects, natives and synthetic nodes, and edge names are; the
	 * values of string nodes (most of the strings, and most of their bytes) are never shown, so they stay ''.
	 */
	private wantedStrings(): Uint8Array {
		if (!this.seen.has('nodes') || !this.seen.has('edges')) return new Uint8Array(0); // an unusual order: keep everything
		const room = this.totalBytes === undefined ? 2 ** 31 : Math.ceil((this.totalBytes - this.bytes) / 3);
		if (this.nameWork) return mergedMarks(nodeNameMarks(this.meta!, this.nodes!.nodeType, this.nodes!.nodeName, room), this.nameWork.marks(), room);
		return wantedStrings(this.meta!, this.nodes!.nodeType, this.nodes!.nodeName, this.edges!.edgeType, this.edges!.edgeName, room);
	}

	private startValue(chunk: Buffer, i: number): number {
		const c = chunk[i];
		if (isSpace(c)) return i + 1;
		const key = this.key;
		if (this.seen.has(key)) throw this.fail(`"${key}" appears twice`);
		this.seen.add(key);
		if (key === 'snapshot') {
			if (c !== OPEN_BRACE) throw this.fail('"snapshot" is not an object');
			this.value.reset();
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
			}
			return i + 1;
		}
		this.value.reset();
		this.state = SKIP;
		return i;
	}

	/** Collect the "snapshot" object's bytes (small: meta and counts), then JSON.parse them. */
	private scanHeader(chunk: Buffer, start: number): number {
		const end = this.value.scan(chunk, start);
		this.parts.push(Buffer.from(chunk.subarray(start, end)));
		if (this.value.closed && end > start) {
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
		if (this.value.closed) {
			const c = chunk[i];
			if (c !== OPEN_BRACKET && c !== OPEN_BRACE && c !== QUOTE) {
				// A number, true, false or null: it ends at the next "," or "}".
				while (i < chunk.length && chunk[i] !== COMMA && chunk[i] !== CLOSE_BRACE) i++;
				if (i < chunk.length) this.state = TOP_KEY;
				return i;
			}
		}
		const end = this.value.scan(chunk, i);
		if (this.value.closed && end > i) this.state = TOP_KEY;
		return end;
	}

	private setMeta(meta: Meta): void {
		if (this.totalBytes !== undefined) checkCountsFit(meta, this.totalBytes);
		this.beforeAllocating?.(meta);
		this.meta = meta;
		this.nodes = new NodeColumns(meta);
		this.edges = new EdgeColumns(meta);
	}
}
