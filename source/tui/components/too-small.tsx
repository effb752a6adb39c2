// Shown instead of the dashboard when the terminal cannot hold it.
import React from 'react';
import { Text } from 'ink';
import { MIN_COLUMNS, MIN_ROWS } from '../../render/layout.js';

export function TooSmall({ columns, rows }: { columns: number; rows: number }) {
	return (
		<Text wrap="wrap">
			<Text color="yellow">{`Terminal too small: ${columns}×${rows}. memtop needs at least ${MIN_COLUMNS}×${MIN_ROWS}. `}</Text>
			<Text>Enlarge the window, or press q to quit. Collection goes on.</Text>
		</Text>
	);
}
