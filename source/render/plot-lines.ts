// memtop plot's picture of a recorded run, as lines of text with colour codes (then an SVG, ansi-to-svg.ts): the
// screen's own charts over the whole run, alerts marked A on every chart and major GCs M on the GC chart, the
// run's name, span and final verdict on top, its start and end times under. Pure.
import { chartGrid, type Cell, type ChartMark } from './chart-grid.js';
import { chartSpec } from './chart-specs.js';
import { columnIndexOf } from '../model/column-cache.js';
import type { RecordedTarget } from '../model/recording.js';
import { formatDuration } from '../model/format.js';

export const PLOT_SERIES = ['heap', 'rss', 'external', 'gc', 'alloc', 'handles'] as const;
export type PlotSeries = (typeof PLOT_SERIES)[number];

/** Which lines of the memory chart each memory series is. */
const MEMORY_LINES: Partial<Record<PlotSeries, readonly string[]>> = { heap: ['heap total', 'heap used'], rss: ['rss'], external: ['external'] };
const LABEL_WIDTH = 11;
const CHART_ROWS = 10;
/** SGR foreground codes of the colour names the charts use. */
const SGR: Record<string, number> = { black: 30, red: 31, green: 32, yellow: 33, blue: 34, magenta: 35, cyan: 36, white: 37, gray: 90 };
const paint = (text: string, color?: string, bold = false) => `${bold ? '\x1b[1m' : ''}${color ? `\x1b[${SGR[color] ?? 37}m` : ''}${text}\x1b[0m`;

export interface PlotInput {
	readonly target: RecordedTarget;
	/** What the run is: the script and its arguments, or the page's title. */
	readonly name: string;
	readonly series: readonly PlotSeries[];
	/** Plot columns (the picture is this plus the axis labels wide). */
	readonly columns: number;
	readonly intervalMs: number;
	/** The final verdict, as the run's summary gave it (or as worked out at its end). */
	readonly verdict?: string;
}

export function plotLines({ target, name, series, columns, intervalMs, verdict }: PlotInput): string[] {
	const { history, start, end } = target;
	const windowMs = Math.max(intervalMs, end - start + intervalMs); // the first reading's column included
	const mark = (t: number, label: string): ChartMark[] => {
		const column = columnIndexOf(t, end, windowMs, columns + 1);
		return column === undefined ? [] : [{ column: Math.max(0, column - 1), label }];
	};
	const alerts = target.alerts.flatMap((a) => mark(a.t, 'A'));
	const lines = [
		paint(`memtop · ${name} · ${new Date(start).toISOString().replace('T', ' ').slice(0, 19)} UTC, ${formatDuration(end - start)}`, 'white', true)
			+ (verdict ? `  ${paint(verdict === 'leak' ? '▲ LEAK' : verdict, verdict === 'leak' ? 'red' : verdict === 'no-leak' ? 'green' : 'yellow', true)}` : ''),
		paint(`A: an alert (${target.alerts.length})   M: a major GC   every figure as memtop showed it live`, 'gray'),
	];
	const charts: { name: 'heap' | 'gc' | 'alloc' | 'handles'; only?: readonly string[]; marks: ChartMark[] }[] = [];
	const memory = series.flatMap((s) => MEMORY_LINES[s] ?? []);
	if (memory.length > 0) charts.push({ name: 'heap', only: memory, marks: alerts });
	if (series.includes('gc')) charts.push({ name: 'gc', marks: [...history.majorFloors.flatMap((f) => mark(f.t, 'M')), ...alerts] });
	if (series.includes('alloc')) charts.push({ name: 'alloc', marks: alerts });
	if (series.includes('handles')) charts.push({ name: 'handles', marks: alerts });
	for (const chart of charts) {
		const spec = chartSpec(chart.name, history, end, windowMs, columns, intervalMs);
		const kept = spec.legend.map((item, i) => ({ item, series: spec.series[i] })).filter(({ item }) => !chart.only || chart.only.includes(item.name));
		if (kept.length === 0) continue;
		lines.push(paint(spec.title, undefined, true) + kept.map(({ item }) => paint(`  ■ ${item.name}`, item.color)).join(''));
		const grid = chartGrid(kept.map((k) => k.series), { height: CHART_ROWS, labelWidth: LABEL_WIDTH, format: spec.format, fromZero: spec.fromZero, marks: chart.marks, emptyText: spec.emptyText ?? 'not recorded' });
		lines.push(...grid.map(row));
	}
	const from = new Date(start).toISOString().slice(11, 19);
	const to = new Date(end).toISOString().slice(11, 19);
	lines.push(paint(`${' '.repeat(LABEL_WIDTH + 1)}${from}${to.padStart(columns - from.length)}`, 'gray'));
	return lines;
}

/** A chart row with the colour codes of its cells. */
function row(cells: readonly Cell[]): string {
	let out = '';
	let open: string | undefined;
	for (const cell of cells) {
		if (cell.color !== open) {
			out += cell.color ? `\x1b[${SGR[cell.color] ?? 37}m` : '\x1b[39m';
			open = cell.color;
		}
		out += cell.char;
	}
	return out + '\x1b[0m';
}
