// The "strings" array, read in one loop of its own: a snapshot holds millions of strings (3.1 M in 620 MB), so
// going back to the parser's state machine between two of them cost more than reading them. Only the strings
// memtop shows are decoded (see string-indexes.ts); the rest stay '' and cost one scan for their closing quote.
import { closingQuote, describe, isSpace } from './snapshot-error.js';
import { unescaped } from './string-indexes.js';
import { SnapshotFormatError } from '../../errors.js';

const QUOTE = 34, COMMA = 44, CLOSE_BRACKET = 93;

export class StringsSection {
	/** As many as the names point at, '' until read: most are never decoded, and a push each cost more. */
	readonly strings: string[];
	/** Strings read so far. */
	count = 0;
	done = false;
	private inString = false;
	escaped = false;
	hasEscape = false;
	private parts: Buffer[] = []; // a string's bytes when it spans chunks

	/** wanted[i] === 1: string i is decoded, else kept as ''; strings past its end are all decoded. */
	constructor(private readonly wanted: Uint8Array) {
		this.strings = new Array<string>(wanted.length).fill('');
	}

	/** Whether the strings were known in advance (wanted covers every name): else all are decoded, unchecked. */
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
		let text = '';
		if (wanted) {
			const raw = this.parts.length ? Buffer.concat([...this.parts, chunk.subarray(start, i)]).toString('utf8') : chunk.toString('utf8', start, i);
			text = this.hasEscape ? unescaped(raw, () => new SnapshotFormatError('a string with a broken escape or a control character in it')) : raw;
			this.parts = [];
		}
		if (index < this.strings.length) this.strings[index] = text;
		else this.strings.push(text);
		this.count++;
		this.hasEscape = false;
		this.inString = false;
		return i + 1;
	}
}
