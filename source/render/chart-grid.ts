// Multi-series line chart with gaps, drawn by asciichart and coloured here. asciichart throws on NaN and
// colours by embedding escape codes, so each series is plotted alone on a gap-free copy and the grids are
// overlaid cell by cell: series colours stay separable and gap columns are blanked per series.
import asciichart from 'asciichart';
import chalk, { type ForegroundColorName } from 'chalk';

export interface ChartSeries {
	readonly values: readonly (number | undefined)[];
	readonly color: string;
}

export interface Cell {
	readonly char: string;
	readonly color?: string;
}

export interface ChartMark {
	readonly column: number; // plot column, 0-based
	readonly label: string;
}

export interface ChartOptions {
	readonly height: number; // plot rows
	readonly labelWidth: number; // the y-axis label column
	readonly format: (value: number) => string;
	readonly fromZero?: boolean;
	readonly marks?: readonly ChartMark[];
	readonly markColor?: string;
	/** What an empty chart says (default: waiting for data). */
	readonly emptyText?: string;
}

/** Rows of cells: labels, axis and plot. Values.length - 1 plot columns (asciichart draws segments). */
export function chartGrid(series: readonly ChartSeries[], options: ChartOptions): Cell[][] {
	const defined = series.flatMap((s) => s.values.filter((v): v is number => v !== undefined && Number.isFinite(v)));
	const columns = Math.max(0, Math.max(0, ...series.map((s) => s.values.length)) - 1);
	const height = Math.max(1, options.height);
	if (defined.length === 0 || columns === 0) return emptyGrid(height, options.labelWidth + 1 + columns, options.emptyText ?? 'waiting for data');
	let min = options.fromZero ? Math.min(0, ...defined) : Math.min(...defined);
	let max = Math.max(...defined);
	if (max === min) max = min + Math.max(1, Math.abs(min) * 0.01);
	const format = (value: number) => options.format(value).padStart(options.labelWidth).slice(-options.labelWidth);
	const config = { min, max, height: height - 1, format, offset: 2 };
	// asciichart's row count can round one over the height asked for; ask for less until it fits.
	while (config.height > 0 && asciichart.plot([min, max], config).split('\n').length > height) config.height--;

	const plotStart = options.labelWidth + 1; // label, then the axis column
	let grid: Cell[][] | undefined;
	series.forEach((s) => {
		if (!s.values.some((v) => v !== undefined)) return;
		const lines = asciichart.plot(fillGaps(s.values), config).split('\n');
		// Labels and axis come from the first plotted series, uncoloured; the plot area starts blank.
		grid ??= lines.map((line) => [...line].slice(0, plotStart).concat(Array(columns).fill(' ')).map((char) => ({ char })));
		lines.forEach((line, row) => {
			const chars = [...line];
			for (let x = 0; x < columns; x++) {
				const gap = s.values[x] === undefined || s.values[x + 1] === undefined;
				const char = chars[plotStart + x];
				if (gap || char === undefined || char === ' ') continue;
				grid![row][plotStart + x] = { char, color: s.color };
			}
		});
	});
	const result = grid ?? emptyGrid(height, options.labelWidth + 1 + columns, 'waiting for data');
	for (const mark of options.marks ?? []) {
		const cell = options.labelWidth + 1 + mark.column;
		if (mark.column >= 0 && mark.column < columns && result[0]?.[cell]) result[0][cell] = { char: mark.label, color: options.markColor ?? 'yellow' };
	}
	return result;
}

/** Replace gaps by the nearest earlier value (or the first value for a leading gap): only to keep asciichart happy. */
function fillGaps(values: readonly (number | undefined)[]): number[] {
	const first = values.find((v) => v !== undefined && Number.isFinite(v)) ?? 0;
	let last = first;
	return values.map((v) => (v !== undefined && Number.isFinite(v) ? (last = v) : last));
}

function emptyGrid(height: number, width: number, text: string): Cell[][] {
	return Array.from({ length: height }, (_, row) => {
		const line = row === Math.floor(height / 2) ? text.padStart(Math.floor((width + text.length) / 2)).padEnd(width) : ''.padEnd(width);
		return [...line.slice(0, width)].map((char) => ({ char, color: 'gray' }));
	});
}

/** A colour's opening and closing codes, as chalk writes them at the terminal's colour level. */
const codes = new Map<string, [string, string]>();
function codesOf(color: string): [string, string] {
	let pair = codes.get(color);
	if (!pair) {
		const sample = chalk[color as ForegroundColorName]('\0');
		const at = sample.indexOf('\0');
		pair = [sample.slice(0, at), sample.slice(at + 1)];
		codes.set(color, pair);
	}
	return pair;
}

/**
 * One row as a single string with colour codes: one Ink node per row instead of one per coloured run. A
 * colour is opened when it changes and closed once, not wrapped around every run: Ink re-reads every
 * character of every row each frame, escape codes included, so fewer codes make a cheaper screen.
 */
export function toAnsi(row: readonly Cell[]): string {
	let out = '';
	let open: string | undefined;
	for (const segment of toSegments(row)) {
		if (segment.color !== open) {
			if (segment.color) out += codesOf(segment.color)[0];
			else if (open) out += codesOf(open)[1];
			open = segment.color;
		}
		out += segment.text;
	}
	return open ? out + codesOf(open)[1] : out;
}

/** Merge runs of cells with one colour into text segments, for rendering. */
export function toSegments(row: readonly Cell[]): { text: string; color?: string }[] {
	const out: { text: string; color?: string }[] = [];
	for (const cell of row) {
		const last = out.at(-1);
		if (last && last.color === cell.color) last.text += cell.char;
		else out.push({ text: cell.char, color: cell.color });
	}
	return out;
}
