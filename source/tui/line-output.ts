// Ink's frame, joined line by line instead of cell by cell.
//
// Why: for every frame Ink 6 builds a width × height grid of styled-character objects, tokenizes every line
// written into it, and serialises the grid back to text (Output.get). On memtop's screen that was about 20 ms
// a frame at 160×48 and most of the process's CPU and allocation: those grids, kept alive across scavenges,
// were promoted and pushed peak RSS past 180 MB. memtop's screen is blocks of finished lines side by side,
// which never overlap, so a row is just its pieces in column order with spaces between them.
//
// The frame is built the fast way only when that is exactly what Ink would draw: no clipping, no piece
// overlapping another or running past the frame. Anything else is left to Ink's own Output.get.
//
// This patches Ink's private Output class, tested cell by cell against Ink 6.8 (test/ui/line-output.test.tsx):
// package.json pins Ink to ~6.8 so that a newer minor with another Output cannot slip in unseen. Move the pin
// only with that test passing on the new version.
import { textWidth } from '../render/text-width.js';

/** What Ink's Output records while a frame is laid out (ink/build/output.js, 6.x). */
export type Operation =
	| { type: 'write'; x: number; y: number; text: string; transformers: ReadonlyArray<(line: string, index: number) => string> }
	| { type: 'clip' | 'unclip' };

interface Piece {
	x: number;
	width: number;
	line: string;
}

// Control characters take a cell each in Ink's grid but no column in a terminal: those frames go to Ink.
const CONTROL = /[\x00-\x1a\x1c-\x1f\x7f]/;

/** The frame as Ink's Output.get returns it, or undefined when only Ink's grid can draw it. */
export function framedLines(width: number, height: number, operations: readonly Operation[]): { output: string; height: number } | undefined {
	const rows: Piece[][] = Array.from({ length: height }, () => []);
	for (const operation of operations) {
		if (operation.type !== 'write') return undefined;
		const lines = operation.text.split('\n');
		for (let index = 0; index < lines.length; index++) {
			const row = rows[operation.y + index];
			if (!row) continue; // below the frame: Ink drops it too
			let line = lines[index];
			for (const transform of operation.transformers) line = transform(line, index);
			if (!line) continue;
			if (CONTROL.test(line)) return undefined;
			const lineWidth = textWidth(line);
			if (operation.x < 0 || operation.x + lineWidth > width) return undefined;
			row.push({ x: operation.x, width: lineWidth, line });
		}
	}
	const out: string[] = [];
	for (const row of rows) {
		row.sort((a, b) => a.x - b.x);
		let text = '';
		let column = 0;
		for (const piece of row) {
			if (piece.x < column) return undefined; // pieces overlap: the later one would cover part of the earlier
			text += ' '.repeat(piece.x - column) + piece.line;
			column = piece.x + piece.width;
		}
		out.push(text.trimEnd());
	}
	return { output: out.join('\n'), height };
}

interface InkOutput {
	width: number;
	height: number;
	operations: Operation[];
	get(): { output: string; height: number };
}
type InkOutputClass = { prototype: InkOutput };

/** Ink's Output class: not exported, so it is found beside Ink's entry point. */
export async function inkOutputClass(): Promise<InkOutputClass | undefined> {
	try {
		const module = (await import(new URL('./output.js', import.meta.resolve('ink')).href)) as { default?: InkOutputClass };
		return typeof module.default?.prototype?.get === 'function' ? module.default : undefined;
	} catch {
		return undefined;
	}
}

let installed = false;

/** Make every Ink frame from here on go through framedLines; false when this Ink is not one it knows. */
export async function useLineOutput(): Promise<boolean> {
	if (installed) return true;
	const Output = await inkOutputClass();
	if (!Output) return false;
	const inks = Output.prototype.get;
	Output.prototype.get = function get(this: InkOutput) {
		if (!Array.isArray(this.operations)) return inks.call(this);
		return framedLines(this.width, this.height, this.operations) ?? inks.call(this);
	};
	installed = true;
	return true;
}
