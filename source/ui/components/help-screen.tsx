// The ? screen: every key from the keymap table, and what is reserved.
import React from 'react';
import { Box, Text } from 'ink';
import { keymap, reservedKeys } from '../keymap.js';

export function HelpScreen() {
	return (
		<Box flexDirection="column" borderStyle="round" paddingX={1}>
			<Text bold>memtop keys</Text>
			{keymap.map((binding) => (
				<Text key={binding.action}>
					<Text bold>{binding.keys.join(' / ').padEnd(14)}</Text>
					<Text>{binding.scope === 'global' ? '' : `(${binding.scope}) `}{binding.description}</Text>
				</Text>
			))}
			{Object.entries(reservedKeys).map(([key, what]) => (
				<Text key={key} dimColor>{`${key.padEnd(14)}${what} (coming)`}</Text>
			))}
			<Text dimColor>Charts: G forced GC, S heap snapshot, R target restarted, C reconnected. Blank columns are readings that failed.</Text>
			<Text dimColor>Press any key to close.</Text>
		</Box>
	);
}
