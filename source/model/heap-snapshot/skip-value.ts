// Stepping over a JSON value memtop does not read (trace tree, samples, locations ...; the "snapshot" header's
// bytes too), across chunks: strings, escapes and nesting tracked, nothing kept.
const QUOTE = 34, BACKSLASH = 92, OPEN_BRACKET = 91, CLOSE_BRACKET = 93, OPEN_BRACE = 123, CLOSE_BRACE = 125;

export class BalancedValue {
	depth = 0;
	inString = false;
	private escaped = false;

	/** Start on a new value. */
	reset(): void {
		this.depth = 0;
		this.inString = false;
		this.escaped = false;
	}

	/** Whether the value begun is complete. */
	get closed(): boolean {
		return this.depth === 0 && !this.inString;
	}

	/** Advance over a value that starts with [, { or "; returns the index after it, or the chunk's end. */
	scan(chunk: Buffer, start: number): number {
		let { depth, inString, escaped } = this;
		let i = this.flatRun(chunk, start);
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

	/**
	 * Inside an array of numbers (locations: tens of megabytes), the bytes up to the next "]" hold nothing to
	 * track: found natively, they are stepped over at once. Anything else is left to the byte loop.
	 */
	private flatRun(chunk: Buffer, start: number): number {
		if (this.inString || this.depth === 0) return start;
		const close = chunk.indexOf(CLOSE_BRACKET, start);
		const run = chunk.subarray(start, close < 0 ? chunk.length : close);
		const plain = run.indexOf(QUOTE) < 0 && run.indexOf(OPEN_BRACKET) < 0 && run.indexOf(OPEN_BRACE) < 0 && run.indexOf(CLOSE_BRACE) < 0;
		return plain ? start + run.length : start;
	}
}
