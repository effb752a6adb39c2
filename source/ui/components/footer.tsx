// The keys, from the one keymap table, and a passing message.
import React from 'react';
import { keymap } from '../keymap.js';
import { styledLine, type Piece } from '../styled-line.js';
import { Painted } from './painted.js';

const SHORT: Record<string, string> = { quit: 'quit', help: 'help', gc: 'GC', freeze: 'freeze', widen: 'wider', narrow: 'narrower' };

export function Footer({ message, width }: { message?: string; width: number }) {
	const pieces: Piece[] = keymap.flatMap((binding) => [{ text: ` ${binding.label} `, inverse: true }, { text: ` ${SHORT[binding.action]}  ` }]);
	if (message) pieces.push({ text: message, color: 'yellow' });
	return <Painted lines={[styledLine(pieces, width)]} width={width} />;
}
