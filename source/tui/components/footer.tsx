// The keys of the current view, from the one keymap table, and a passing message.
import React from 'react';
import { footerBindings, type View } from '../../render/keymap.js';
import { styledLine, type Piece } from '../../render/styled-line.js';
import { Painted } from './painted.js';

export function Footer({ message, width, view = 'charts', replay = false }: { message?: string; width: number; view?: View; replay?: boolean }) {
	// A message goes first: keys that do not fit are cut, never the news (progress, failures).
	const pieces: Piece[] = message ? [{ text: `${message}  `, color: 'yellow' }] : [];
	pieces.push(...footerBindings(view, replay).flatMap((binding) => [{ text: ` ${binding.label} `, inverse: true }, { text: ` ${binding.short}  ` }]));
	// One column spare: a full last line leaves the cursor in the corner, and the shell prompt joins it on quit.
	return <Painted lines={[styledLine(pieces, width - 1)]} width={width} />;
}
