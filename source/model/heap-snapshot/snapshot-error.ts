// The byte helpers both parsers use: JSON whitespace, a byte as a message shows it, the end of a JSON string.

/** JSON whitespace. */
export const isSpace = (c: number): boolean => c === 32 || c === 10 || c === 13 || c === 9;

/** A byte as an error message shows it: the character when printable. */
export const describe = (c: number): string => (c >= 32 && c < 127 ? `"${String.fromCharCode(c)}"` : `byte 0x${c.toString(16)}`);

/** Where a JSON string is, between chunks: a backslash the last chunk ended on, and whether any was seen. */
export interface StringState {
	escaped: boolean;
	hasEscape: boolean;
}

/** The index of the quote that closes the JSON string going on at chunk[start], or chunk.length if it goes on past. */
export function closingQuote(chunk: Buffer, start: number, state: StringState): number {
	let escaped = state.escaped;
	let i = start;
	for (; i < chunk.length; i++) {
		const c = chunk[i];
		if (escaped) escaped = false;
		else if (c === 92) escaped = state.hasEscape = true; // a backslash
		else if (c === 34) break; // the closing quote
	}
	state.escaped = escaped;
	return i;
}
