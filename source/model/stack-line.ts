// One line of a JavaScript stack ("fn (/app/dist/x.js:12:5)", "file:///app/x.mjs:3:1") with its location moved
// by a mapping (a source map's), or left as it was. Pure.

/** The location a mapping gives for a script URL and 1-based line and column, or undefined to keep the line. */
export type LocationMapper = (url: string, line: number, column: number) => { url: string; line: number; column: number } | undefined;

const LOCATION = /^(.*?)(\(?)((?:file:\/\/)?\/[^():]+|[a-z]+:[^():]+):(\d+):(\d+)(\)?)$/;

/** The stack line with its location mapped; a line without a location is returned as it was. */
export function mapStackLine(line: string, map: LocationMapper): string {
	const match = LOCATION.exec(line);
	if (!match) return line;
	const [, before, open, url, lineText, columnText, close] = match;
	const moved = map(url, Number(lineText), Number(columnText));
	return moved ? `${before}${open}${moved.url.replace(/^file:\/\//, '')}:${moved.line}:${moved.column}${close}` : line;
}

/** The script URL a stack line names, or undefined when it names none. */
export function stackLineUrl(line: string): string | undefined {
	return LOCATION.exec(line)?.[3];
}
