// One screen line from styled pieces, cut to a width: the text the painted rows show. Pure.
import chalk from 'chalk';
import { textWidth } from './text-width.js';

export interface Piece {
	readonly text: string;
	readonly color?: string;
	readonly bold?: boolean;
	readonly dim?: boolean;
	readonly inverse?: boolean;
}

/** The pieces joined with their styles, at most `width` columns wide; a cut line ends in "…". */
export function styledLine(pieces: readonly Piece[], width: number): string {
	let room = Math.max(0, width);
	const total = pieces.reduce((sum, p) => sum + textWidth(p.text), 0);
	const cutting = total > room;
	if (cutting) room -= 1; // keep a column for the ellipsis
	let out = '';
	for (const piece of pieces) {
		if (room <= 0) break;
		const text = fit(piece.text, room);
		room -= textWidth(text);
		out += paint(piece, text);
	}
	return cutting && width > 0 ? out + '…' : out;
}

/** The longest prefix of `text` no wider than `room` columns. */
function fit(text: string, room: number): string {
	if (textWidth(text) <= room) return text;
	let out = '';
	for (const char of text) {
		if (textWidth(out + char) > room) break;
		out += char;
	}
	return out;
}

// Control characters never reach the terminal, whatever a target put in a title: ESC would start a sequence.
const CONTROL = /[\u0000-\u001f\u007f-\u009f]/g;

function paint(piece: Piece, raw: string): string {
	const text = raw.replace(CONTROL, '');
	if (!text) return '';
	let style = chalk;
	if (piece.color) style = style[piece.color as 'red'];
	if (piece.bold) style = style.bold;
	if (piece.dim) style = style.dim;
	if (piece.inverse) style = style.inverse;
	return style === chalk ? text : style(text);
}
