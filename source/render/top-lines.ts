// The live allocation top as screen lines: pprof's columns, each function's change (in use) or rate
// (allocated) per minute, and a selected row that Enter opens. Pure.
import path from 'node:path';
import type { LiveTopStatus } from '../watch/live-top-status.js';
import { keyOf, type FunctionRow } from '../model/profile/top.js';
import type { ViewOptions } from '../model/profile/stack-set.js';
import { formatBytes, formatCount, formatSigned } from '../model/format.js';
import { styledLine, type Piece } from './styled-line.js';

const percent = (n: number, total: number) => `${((100 * n) / (total || 1)).toFixed(1)}%`;

/** Bytes or objects, as the view counts. */
export const formatValue = (view: Pick<ViewOptions, 'unit'>) => (n: number) => (view.unit === 'space' ? formatBytes(n) : formatCount(n));

/** "allocateOrders orders.js:12": a function and where it starts. */
export function whereOf(f: { name: string; url: string; line: number }): Piece[] {
	const where = f.url ? `${path.basename(f.url.replace(/^file:\/\//, ''))}:${f.line}` : '(native)';
	return [{ text: f.name, bold: true }, { text: ` ${where}`, dim: true }];
}

/** The rows in the order shown: by flat, or by cum. */
export function sortedRows(status: LiveTopStatus, sort: 'flat' | 'cum'): FunctionRow[] {
	return [...(status.top?.functions ?? [])].sort((a, b) => (sort === 'cum' ? b.cum - a.cum : 0) || b.flat - a.flat);
}

function titleOf(status: LiveTopStatus): string {
	const { view } = status;
	return `Allocations ${view.mode === 'inuse' ? 'in use' : 'allocated over the window'} (sampled), by function, in ${view.unit === 'space' ? 'bytes' : 'objects'}`;
}

/** Exactly `height` lines, each at most `width` columns. */
export function topLines(status: LiveTopStatus, sort: 'flat' | 'cum', selected: number, width: number, height: number): string[] {
	const { top, view } = status;
	const value = formatValue(view);
	const settings = `total ${top ? value(top.total) : '–'} · read every ${status.readEveryMs / 1000} s · sorted by ${sort} · internals ${view.foldInternals ? 'folded into callers' : 'shown'}${status.since ? ` · since ${new Date(status.since).toLocaleTimeString('en-GB')}` : ''}`;
	const lines = [
		styledLine([{ text: titleOf(status), bold: true }], width),
		styledLine([{ text: settings, dim: true }], width),
	];
	if (status.text) lines.push(styledLine([{ text: status.text, color: 'yellow' }], width));
	if (status.sourceMaps) lines.push(styledLine([{ text: status.sourceMaps, dim: true }], width));
	if (top) {
		const perMinute = view.mode === 'inuse' ? 'growth/min' : 'per min';
		const header = `  ${'flat'.padStart(10)} ${'flat%'.padStart(6)} ${'sum%'.padStart(6)} ${'cum'.padStart(10)} ${'cum%'.padStart(6)} ${perMinute.padStart(11)}  function`;
		lines.push(styledLine([{ text: header, bold: true }], width));
		const rows = sortedRows(status, sort);
		const room = Math.max(1, height - lines.length);
		const first = Math.min(Math.max(0, selected - Math.floor(room / 2)), Math.max(0, rows.length - room));
		let sum = rows.slice(0, first).reduce((s, f) => s + f.flat, 0);
		rows.slice(first, first + room).forEach((f, i) => {
			sum += f.flat;
			const chosen = first + i === selected;
			const rate = status.perMinute.get(keyOf(f));
			const rateText = rate === undefined ? '–' : view.mode === 'inuse' ? formatSigned(rate, value) : value(rate);
			const text = `${chosen ? '› ' : '  '}${value(f.flat).padStart(10)} ${percent(f.flat, top.total).padStart(6)} ${percent(sum, top.total).padStart(6)} ${value(f.cum).padStart(10)} ${percent(f.cum, top.total).padStart(6)} ${rateText.padStart(11)}  `;
			lines.push(styledLine([{ text, inverse: chosen }, ...whereOf(f)], width));
		});
		if (rows.length === 0) lines.push(styledLine([{ text: '  nothing sampled yet', dim: true }], width));
	}
	while (lines.length < height) lines.push('');
	return lines.slice(0, height);
}
