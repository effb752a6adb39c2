// One chart: a title line with the legend, then the plot. Presentational: data in, text out.
import React from 'react';
import { Box, Text } from 'ink';
import { chartGrid, toAnsi } from '../chart-grid.js';
import type { ChartSpec } from '../chart-specs.js';

export const LABEL_WIDTH = 11;

export function ChartPanel({ spec, height }: { spec: ChartSpec; height: number }) {
	const grid = chartGrid(spec.series, { height, labelWidth: LABEL_WIDTH, format: spec.format, fromZero: spec.fromZero, marks: spec.marks });
	return (
		<Box flexDirection="column">
			<Text wrap="truncate">
				<Text bold>{spec.title}</Text>
				{spec.legend.length > 1 &&
					spec.legend.map((item) => (
						<Text key={item.name} color={item.color}>
							{'  ■ '}
							{item.name}
						</Text>
					))}
			</Text>
			{grid.map((row, i) => (
				// Rows are built to the exact width, so no truncation pass (Ink's costliest step per frame).
				<Text key={i}>{toAnsi(row)}</Text>
			))}
		</Box>
	);
}
