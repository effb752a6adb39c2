// Columns a screen line takes. string-width is exact for every script but segments each string into grapheme
// clusters, and that was most of what the live screen allocated (chart lines are box-drawing characters, so
// they are never plain ASCII). The characters memtop draws are all one column wide; they are counted
// directly here and anything else goes to string-width. Pure.
import stringWidth from 'string-width';

const SGR = /\x1b\[[0-9;]*m/g;

/** True for code points that take exactly one column in every terminal (string-width agrees; tested). */
function narrow(code: number): boolean {
	return (
		(code >= 0x20 && code <= 0x7e) || // printable ASCII
		(code >= 0xa1 && code <= 0x2ff && code !== 0xad) || // Latin-1 and Latin Extended, not the soft hyphen
		(code >= 0x2010 && code <= 0x2027) || // dashes, quotes, bullets, the ellipsis
		(code >= 0x2190 && code <= 0x21ff) || // arrows
		(code >= 0x2500 && code <= 0x25fa) || // box drawing, block elements, geometric shapes
		(code >= 0x2800 && code <= 0x28ff) // braille patterns
	);
}

/** The columns `text` takes on screen, colour codes not counted. */
export function textWidth(text: string): number {
	const plain = text.includes('\x1b') ? text.replace(SGR, '') : text;
	for (let i = 0; i < plain.length; i++) {
		if (!narrow(plain.charCodeAt(i))) return stringWidth(text);
	}
	return plain.length;
}

const graphemes = new Intl.Segmenter(undefined, { granularity: 'grapheme' });

/**
 * text in exactly `width` columns: cut with "…" when wider, padded with spaces (on the left when `right`), by the
 * columns each character takes (a CJK character or an emoji takes two), never cutting one in half.
 */
export function fitColumns(text: string, width: number, right = false): string {
	let used = textWidth(text);
	let fitted = text;
	if (used > width) {
		fitted = '';
		used = 0;
		for (const { segment } of graphemes.segment(text)) {
			const columns = textWidth(segment);
			if (used + columns > width - 1) break;
			fitted += segment;
			used += columns;
		}
		if (width > 0) {
			fitted += '…';
			used += 1;
		}
	}
	const padding = ' '.repeat(Math.max(0, width - used));
	return right ? padding + fitted : fitted + padding;
}
