// One chart: a title line with the legend, then the plot. Presentational: data in, text out.
import React from 'react';
import { chartGrid, toAnsi } from '../../render/chart-grid.js';
import type { ChartSpec } from '../../render/chart-specs.js';
import { styledLine, type Piece } from '../../render/styled-line.js';
import { Painted } from './painted.js';

export const LABEL_WIDTH = 11;

export function ChartPanel({ spec, height, width }: { spec: ChartSpec; height: number; width: number }) {
	const grid = chartGrid(spec.series, { height, labelWidth: LABEL_WIDTH, format: spec.format, fromZero: spec.fromZero, marks: spec.marks, emptyText: spec.emptyText });
	const title: Piece[] = [{ text: spec.title, bold: true }];
	if (spec.legend.length > 1) for (const item of spec.legend) title.push({ text: `  ■ ${item.name}`, color: item.color });
	// Plot rows are built to the exact width by chartGrid, so they need no cutting.
	return <Painted lines={[styledLine(title, width), ...grid.map(toAnsi)]} width={width} />;
}
