// Current values with trends, one row each, cut to the height available.
import React from 'react';
import { Box } from 'ink';
import type { NowLine } from '../../render/now-lines.js';
import { styledLine } from '../../render/styled-line.js';
import { Painted } from './painted.js';

export function NowPanel({ lines, width, height }: { lines: readonly NowLine[]; width: number; height: number }) {
	const inner = Math.max(1, width - 1);
	const rows = lines.slice(0, Math.max(0, height - 1)).map((line) => styledLine([
		{ text: line.label.padEnd(12), dim: true },
		{ text: line.value, color: line.warn ? 'yellow' : undefined, bold: true },
		...(line.note ? [{ text: ` ${line.note}`, dim: true }] : []),
	], inner));
	return (
		<Box flexDirection="column" width={width} paddingLeft={1}>
			<Painted lines={[styledLine([{ text: 'Now', bold: true }], inner), ...rows]} width={inner} />
		</Box>
	);
}
