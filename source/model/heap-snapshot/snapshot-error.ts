// Errors for input that is not a heap snapshot, and the byte helpers both parsers' messages use.

/** The input is not a heap snapshot memtop can read; the message says what was found. */
export class SnapshotFormatError extends Error {}

/** JSON whitespace. */
export const isSpace = (c: number): boolean => c === 32 || c === 10 || c === 13 || c === 9;

/** A byte as an error message shows it: the character when printable. */
export const describe = (c: number): string => (c >= 32 && c < 127 ? `"${String.fromCharCode(c)}"` : `byte 0x${c.toString(16)}`);
