// A block of lines that are already styled and cut to `width`, drawn into exactly width × rows.length cells.
//
// Why not one <Text> per line: ink 6 measures every text it lays out and keeps each distinct string in a
// module-level cache that is never emptied (ink 8 bounds it, but needs Node >= 22). A live screen makes
// new strings every second, so memtop's own memory would creep up for as long as it watched. Here Ink
// measures a blank block of the same size, the same string every frame, and <Transform> swaps the real
// lines in as the block is written out, so the cache stays small and no text is measured twice.
import React from 'react';
import { Transform } from 'ink';

const blanks = new Map<string, string>();

function blank(width: number, height: number): string {
	const key = `${width}x${height}`;
	let text = blanks.get(key);
	if (text === undefined) {
		text = Array.from({ length: height }, () => ' '.repeat(width)).join('\n');
		blanks.set(key, text);
	}
	return text;
}

export function Painted({ lines, width }: { lines: readonly string[]; width: number }) {
	if (lines.length === 0 || width <= 0) return null;
	return <Transform transform={(_, index) => lines[index] ?? ''}>{blank(width, lines.length)}</Transform>;
}
