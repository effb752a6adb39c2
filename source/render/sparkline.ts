// A one-line chart of a series in block characters, for rows too small for asciichart. Pure.

const LEVELS = '▁▂▃▄▅▆▇█';

/**
 * `values` (oldest first) in `width` columns, the newest at the right edge: one column each while they fit
 * (blanks to the left: not watched yet), else squeezed, the last value of each column's share winning.
 * Scaled between the series' min and max. A column with no value is a blank: a gap, never the floor.
 */
export function sparkline(values: readonly (number | undefined)[], width: number): string {
	if (width <= 0) return '';
	const columns: (number | undefined)[] = [];
	if (values.length <= width) columns.push(...Array<undefined>(width - values.length).fill(undefined), ...values);
	else for (let c = 0; c < width; c++) {
		const from = Math.floor((c * values.length) / width);
		const to = Math.floor(((c + 1) * values.length) / width);
		let last: number | undefined;
		for (let i = from; i < to; i++) if (values[i] !== undefined) last = values[i];
		columns.push(last);
	}
	const present = columns.filter((v): v is number => v !== undefined);
	if (present.length === 0) return ' '.repeat(width);
	const min = Math.min(...present);
	const span = Math.max(...present) - min;
	return columns.map((v) => (v === undefined ? ' ' : LEVELS[span === 0 ? 3 : Math.round(((v - min) / span) * (LEVELS.length - 1))])).join('');
}
