// The "strings" array, read in one loop of its own: a snapshot holds millions of strings (3.1 M in 620 MB), so
// going back to the parser's state machine between two of them cost more than reading them. Only the strings
// memtop shows are kept (see string-indexes.ts), as bytes (string-table.ts); the rest stay empty and cost one
// scan for their closing quote.
import { closingQuote, describe, isSpace } from './snapshot-error.js';
import { unescaped } from './string-indexes.js';
import { StringTable } from './string-table.js';
import { SnapshotFormatError } from '../../errors.js';

const QUOTE = 34, COMMA = 44, CLOSE_BRACKET = 93;

export class StringsSection {
	/** The strings read so far, empty for those never shown. */
	readonly table: StringTable;
	done = false;
	private inString = false;
	escaped = false;
	hasEscape = false;
	private parts: Buffer[] = []; // a string's bytes when it spans chunks

	/** wanted[i] === 1: string i is kept, else left empty; strings past its end are all kept. */
	constructor(private readonly wanted: Uint8Array) {
		this.table = new StringTable(wanted.length);
	}

	/** Strings read so far. */
	get count(): number {
		return this.table.length;
	}

	/** As many strings as the names point at (when known: see sized). */
	get expected(): number {
		return this.wanted.length;
	}

	/** Whether the strings were known in advance (wanted covers every name): else all are kept, unchecked. */
	get sized(): boolean {
		return this.wanted.length > 0;
	}

	/** Read strings from chunk[start...] up to the closing "]" or the chunk's end; returns where it stopped. */
	scan(chunk: Buffer, start: number): number {
		const n = chunk.length;
		let i = start;
		while (i < n) {
			if (!this.inString) {
				const c = chunk[i];
				if (c === COMMA || isSpace(c)) {
					i++;
					continue;
				}
				if (c === CLOSE_BRACKET) {
					this.done = true;
					this.table.trim();
					return i + 1;
				}
				if (c !== QUOTE) throw new SnapshotFormatError(`expected a string in "strings", found ${describe(c)}`);
				this.inString = true;
				i++;
			}
			i = this.scanOne(chunk, i);
		}
		return i;
	}

	/** The rest of one string from chunk[start]: up to its closing quote (then stored) or the chunk's end. */
	private scanOne(chunk: Buffer, start: number): number {
		const n = chunk.length;
		const i = closingQuote(chunk, start, this);
		const index = this.count;
		const wanted = index >= this.wanted.length || this.wanted[index] === 1;
		if (i === n) {
			if (wanted) this.parts.push(Buffer.from(chunk.subarray(start, n))); // a copy: the caller reuses its buffer
			return n;
		}
		if (!wanted) this.table.appendEmpty();
		else if (this.hasEscape || this.parts.length) {
			const raw = Buffer.concat([...this.parts, chunk.subarray(start, i)]);
			if (!this.hasEscape) this.table.appendBytes(raw);
			else this.table.appendText(unescaped(raw.toString('utf8'), () => new SnapshotFormatError('a string with a broken escape or a control character in it')));
			this.parts = [];
		} else this.table.appendBytes(chunk, start, i);
		this.hasEscape = false;
		this.inString = false;
		return i + 1;
	}
}
