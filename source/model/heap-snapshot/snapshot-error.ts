// The byte helpers both parsers' messages use.

/** JSON whitespace. */
export const isSpace = (c: number): boolean => c === 32 || c === 10 || c === 13 || c === 9;

/** A byte as an error message shows it: the character when printable. */
export const describe = (c: number): string => (c >= 32 && c < 127 ? `"${String.fromCharCode(c)}"` : `byte 0x${c.toString(16)}`);
