// Current values with trends, one row each, cut to the height available.
import React from 'react';
import { Box, Text } from 'ink';
import type { NowLine } from '../now-lines.js';

export function NowPanel({ lines, width, height }: { lines: readonly NowLine[]; width: number; height: number }) {
	return (
		<Box flexDirection="column" width={width} paddingLeft={1}>
			<Text bold>Now</Text>
			{lines.slice(0, Math.max(0, height - 1)).map((line, i) => (
				<Text key={i} wrap="truncate">
					<Text dimColor>{line.label.padEnd(12)}</Text>
					<Text color={line.warn ? 'yellow' : undefined} bold>{line.value}</Text>
					{line.note && <Text dimColor>{` ${line.note}`}</Text>}
				</Text>
			))}
		</Box>
	);
}
