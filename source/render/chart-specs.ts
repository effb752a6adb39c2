// What each chart shows: its series (folded from history into columns as readings arrive), colours and number format. Pure.
import { bucketValues, columnIndexOf } from '../model/column-cache.js';
import { handleTotal } from '../model/reading-totals.js';
import type { History, Tick } from '../model/history.js';
import type { Runtime } from '../types.js';
import { formatBytes, formatMs } from '../model/format.js';
import type { ChartName } from './layout.js';
import type { ChartMark, ChartSeries } from './chart-grid.js';

export interface ChartSpec {
	readonly title: string;
	readonly legend: readonly { readonly name: string; readonly color: string }[];
	readonly series: readonly ChartSeries[];
	readonly format: (value: number) => string;
	readonly fromZero: boolean;
	readonly marks: readonly ChartMark[];
	/** Why the chart is empty for good: the runtime does not give this figure. */
	readonly emptyText?: string;
}

type Field = (tick: Tick) => number | undefined;
interface Line { readonly name: string; readonly color: string; readonly field: Field }

const total = (tick: Tick) => handleTotal(tick.reading);

type Definition = { title: string; lines: Line[]; format: (v: number) => string; fromZero: boolean; reduce: 'mean' | 'max' };

/** A browser page has no handles but a DOM: its growth is what a page's leak looks like, so it takes that chart. */
const DOM: Definition = {
	title: 'DOM nodes and event listeners',
	lines: [{ name: 'nodes', color: 'white', field: (t) => t.reading?.dom?.nodes }, { name: 'listeners', color: 'yellow', field: (t) => t.reading?.dom?.listeners }],
	format: (v) => v.toFixed(0),
	fromZero: true,
	reduce: 'max',
};

const DEFINITIONS: Record<ChartName, Definition> = {
	heap: {
		title: 'Memory',
		lines: [
			{ name: 'rss', color: 'magenta', field: (t) => t.reading?.rss },
			{ name: 'heap total', color: 'blue', field: (t) => t.reading?.heapTotal },
			{ name: 'heap used', color: 'green', field: (t) => t.reading?.heapUsed },
			{ name: 'external', color: 'yellow', field: (t) => t.reading?.external },
		],
		format: formatBytes,
		fromZero: false,
		reduce: 'mean',
	},
	gc: { title: 'GC pause per interval', lines: [{ name: 'pause', color: 'red', field: (t) => t.gcPauseMs }], format: formatMs, fromZero: true, reduce: 'max' },
	alloc: { title: 'Allocation rate', lines: [{ name: 'bytes/s', color: 'cyan', field: (t) => t.allocRate }], format: (v) => `${formatBytes(v)}/s`, fromZero: true, reduce: 'mean' },
	handles: { title: 'Active handles and requests', lines: [{ name: 'total', color: 'white', field: total }], format: (v) => v.toFixed(0), fromZero: true, reduce: 'max' },
};

/** Charts a runtime has no figures for, and what they say instead of "waiting for data". */
const NOT_GIVEN: Partial<Record<Runtime, Partial<Record<ChartName, string>>>> = {
	deno: { gc: 'Deno gives no GC events over the inspector', handles: 'Deno does not list its handles' },
	browser: { gc: 'a page gives no GC events over the inspector', alloc: 'a page gives no allocation count: see the allocation top (t)' },
};

/** Series for a chart with `columns` plot columns over [end - windowMs, end]. */
export function chartSpec(name: ChartName, history: History, end: number, windowMs: number, columns: number, intervalMs: number, runtime: Runtime = 'node'): ChartSpec {
	const latest = history.latest(end)?.reading;
	const def = name === 'handles' && latest?.dom !== undefined && latest.handles === undefined ? DOM : DEFINITIONS[name];
	const points = columns + 1; // asciichart draws n - 1 segments
	const all = def.lines.map((line) => ({ line, color: line.color, values: bucketValues(history, line.field, end, windowMs, points, def.reduce, intervalMs * 1.5) }));
	// A line the runtime never gave (a browser page's RSS) is left out, legend and all; with no data yet, all stay.
	const given = all.filter((s) => s.values.some((v) => v !== undefined && !Number.isNaN(v)));
	const shown = given.length > 0 ? given : all;
	const series = shown.map(({ color, values }) => ({ color, values }));
	const marks: ChartMark[] = [];
	for (const marker of history.markers) {
		const column = columnIndexOf(marker.t, end, windowMs, points);
		if (column !== undefined) marks.push({ column: Math.max(0, column - 1), label: marker.label });
	}
	return { title: def.title, legend: shown.map(({ line }) => ({ name: line.name, color: line.color })), series, format: def.format, fromZero: def.fromZero, marks, emptyText: def === DOM ? undefined : NOT_GIVEN[runtime]?.[name] };
}
