// The keys, from the one keymap table, and a passing message.
import React from 'react';
import { Text } from 'ink';
import { keymap } from '../keymap.js';

const SHORT: Record<string, string> = { quit: 'quit', help: 'help', gc: 'GC', freeze: 'freeze', widen: 'wider', narrow: 'narrower' };

export function Footer({ message }: { message?: string }) {
	return (
		<Text wrap="truncate">
			{keymap.map((binding) => (
				<Text key={binding.action}>
					<Text inverse>{` ${binding.label} `}</Text>
					<Text>{` ${SHORT[binding.action]}  `}</Text>
				</Text>
			))}
			{message && <Text color="yellow">{message}</Text>}
		</Text>
	);
}
