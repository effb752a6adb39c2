// Which panels fit in a terminal of a given size. Pure, so the rules are tested without a terminal.
export const MIN_COLUMNS = 60;
export const MIN_ROWS = 16;
const NOW_PANEL_WIDTH = 42;
const NOW_PANEL_MIN_TOTAL = 110; // below this many columns the charts need the whole width
const HEADER_ROWS = 3; // target, how it is watched, the leak verdict
const FOOTER_ROWS = 1;
const TIME_AXIS_ROWS = 1;
const MIN_PLOT_ROWS = 3;

export type ChartName = 'heap' | 'gc' | 'alloc' | 'handles';

export interface Layout {
	readonly tooSmall: boolean;
	readonly columns: number;
	readonly rows: number;
	readonly chartWidth: number;
	readonly nowWidth: number; // 0 when the now panel does not fit
	/** Plot rows per chart, in display order; charts that do not fit are left out. */
	readonly charts: readonly { readonly name: ChartName; readonly height: number }[];
}

// Heap matters most; the others share what is left. Weights sum to 1.
const WEIGHTS: readonly [ChartName, number][] = [['heap', 0.34], ['gc', 0.22], ['alloc', 0.22], ['handles', 0.22]];

/** Decide the layout for columns x rows. */
export function layout(columns: number, rows: number): Layout {
	const tooSmall = columns < MIN_COLUMNS || rows < MIN_ROWS;
	const nowWidth = columns >= NOW_PANEL_MIN_TOTAL ? NOW_PANEL_WIDTH : 0;
	const chartWidth = Math.max(0, columns - nowWidth);
	const body = rows - HEADER_ROWS - FOOTER_ROWS - TIME_AXIS_ROWS;
	// Each chart costs a title row plus its plot; drop charts from the end until each gets its minimum.
	let count = WEIGHTS.length;
	while (count > 1 && body < count * (MIN_PLOT_ROWS + 1)) count--;
	const chosen = WEIGHTS.slice(0, count);
	const plotRows = Math.max(0, body - count);
	const weightSum = chosen.reduce((sum, [, w]) => sum + w, 0);
	const heights = chosen.map(([, w]) => Math.max(MIN_PLOT_ROWS, Math.floor((plotRows * w) / weightSum)));
	// Give rows lost to rounding to the heap chart.
	heights[0] += Math.max(0, plotRows - heights.reduce((a, b) => a + b, 0));
	return {
		tooSmall,
		columns,
		rows,
		chartWidth,
		nowWidth,
		charts: tooSmall ? [] : chosen.map(([name], i) => ({ name, height: heights[i] })),
	};
}
