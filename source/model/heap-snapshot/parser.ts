// A push parser for .heapsnapshot JSON: feed it the file's bytes in chunks of any size, get a HeapGraph.
// It never holds the file or one big string (V8 caps strings near 512 M characters) and makes no object
// per node: numbers go straight from bytes into typed arrays, field by field. Only the small "snapshot"
// header is JSON.parse'd. Sections it does not use (trace tree, samples, locations) are skipped unparsed.
import type { HeapGraph } from './graph.js';
import { describe, isSpace } from './snapshot-error.js';
import { checkCountsFit, readMeta, type Meta } from './snapshot-meta.js';
import { checkStringIndexes, unescaped, wantedStrings } from './string-indexes.js';
import { EdgeColumns, NodeColumns } from './columns.js';
import { SnapshotFormatError } from '../../errors.js';

const TOP_START = 0, TOP_KEY = 1, KEY = 2, COLON = 3, VALUE = 4, HEADER = 5, NUMBERS = 6, STRINGS = 7, STRING = 8, SKIP = 9, DONE = 10;
const QUOTE = 34, BACKSLASH = 92, COMMA = 44, COLON_CHAR = 58, OPEN_BRACKET = 91, CLOSE_BRACKET = 93, OPEN_BRACE = 123, CLOSE_BRACE = 125;

export class SnapshotParser {
	private state = TOP_START;
	private key = '';
	private parts: Buffer[] = []; // bytes of the token being read when it spans chunks
	private inString = false;
	private escaped = false;
	private hasEscape = false;
	private depth = 0;
	private section: 'nodes' | 'edges' | '' = '';
	private seen = new Set<string>();
	private meta?: Meta;
	private nodes?: NodeColumns;
	private edges?: EdgeColumns;
	private strings: string[] = [];
	private wanted: Uint8Array | undefined;
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
				case STRING:
					i = this.scanString(chunk, i);
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
		} else if (this.state === STRINGS) {
			if (c === COMMA) return;
			if (c === QUOTE) this.startToken(STRING);
			else if (c === CLOSE_BRACKET) this.state = TOP_KEY;
			else throw this.fail(`expected a string in "strings", found ${describe(c)}`);
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
		const nodes = this.nodes!;
		const edges = this.edges!;
		if (nodes.count !== meta.nodeCount) throw new SnapshotFormatError(`"nodes" holds ${nodes.count} nodes but the header says ${meta.nodeCount}`);
		if (edges.count !== meta.edgeCount) throw new SnapshotFormatError(`"edges" holds ${edges.count} edges but the header says ${meta.edgeCount}`);
		if (nodes.firstEdge[meta.nodeCount] !== meta.edgeCount) throw new SnapshotFormatError(`the nodes' edge counts add up to ${nodes.firstEdge[meta.nodeCount]}, not ${meta.edgeCount}`);
		checkStringIndexes(meta, this.strings.length, nodes.nodeName, edges.edgeType, edges.edgeName);
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
			edgeName: edges.edgeName,
			edgeTo: edges.edgeTo,
			strings: this.strings,
			root: meta.rootOrdinal,
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
			text = this.hasEscape ? unescaped(raw, () => this.fail('a string with a broken escape or a control character in it')) : raw;
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
		if (!this.wanted) this.wanted = wantedStrings(this.meta!, this.nodes!.nodeType, this.nodes!.nodeName, this.edges!.edgeType, this.edges!.edgeName);
		return index >= this.wanted.length || this.wanted[index] === 1;
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
		if (this.totalBytes !== undefined) checkCountsFit(meta, this.totalBytes);
		this.beforeAllocating?.(meta);
		this.meta = meta;
		this.nodes = new NodeColumns(meta);
		this.edges = new EdgeColumns(meta);
	}
}
