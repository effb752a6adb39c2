// The keys of the current view, from the one keymap table, and a passing message.
import React from 'react';
import { footerBindings } from '../keymap.js';
import { styledLine, type Piece } from '../styled-line.js';
import { Painted } from './painted.js';

export function Footer({ message, width, view = 'charts' }: { message?: string; width: number; view?: 'charts' | 'report' }) {
	const pieces: Piece[] = footerBindings(view).flatMap((binding) => [{ text: ` ${binding.label} `, inverse: true }, { text: ` ${binding.short}  ` }]);
	if (message) pieces.push({ text: message, color: 'yellow' });
	return <Painted lines={[styledLine(pieces, width)]} width={width} />;
}
