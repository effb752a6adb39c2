// pprof's list and peek for one function as screen lines: who calls it and whom it calls with what passed
// through each, then its source from the target with its flat and cum beside the line where it starts. Pure.
import type { ListView, LiveTopStatus } from '../watch/live-top-status.js';
import { styledLine } from './styled-line.js';
import { formatValue, whereOf } from './top-lines.js';
import type { Neighbour } from '../model/profile/stack-context.js';

const NEIGHBOURS = 5; // per side: the rest fold into one line

export function listLines(status: LiveTopStatus, list: ListView, width: number, height: number): string[] {
	const value = formatValue(status.view);
	const { row } = list;
	const share = (n: number) => `${((100 * n) / (row.cum || 1)).toFixed(1)}%`.padStart(7);
	const lines = [
		styledLine([{ text: 'list ', bold: true }, ...whereOf(row), { text: `  flat ${value(row.flat)} · cum ${value(row.cum)}  (esc: back)`, dim: true }], width),
		'',
	];
	const neighbours = (title: string, list: readonly Neighbour[], self?: number) => {
		lines.push(styledLine([{ text: title, bold: true }], width));
		if (self !== undefined && self > 0) lines.push(styledLine([{ text: `  ${value(self).padStart(10)} ${share(self)}  ` }, { text: '(itself)', dim: true }], width));
		for (const n of list.slice(0, NEIGHBOURS)) lines.push(styledLine([{ text: `  ${value(n.value).padStart(10)} ${share(n.value)}  ` }, ...whereOf(n.frame)], width));
		const rest = list.slice(NEIGHBOURS);
		if (rest.length > 0) lines.push(styledLine([{ text: `  ${value(rest.reduce((s, n) => s + n.value, 0)).padStart(10)} ${share(rest.reduce((s, n) => s + n.value, 0))}  ${rest.length} more`, dim: true }], width));
		if (list.length === 0 && !(self && self > 0)) lines.push(styledLine([{ text: '  none', dim: true }], width));
	};
	neighbours('called from', list.callers);
	neighbours('allocates itself and through', list.callees, row.flat);
	lines.push('');
	if (!list.source) {
		lines.push(styledLine([{ text: list.sourceText ?? '', dim: true }], width));
	} else if (row.line > 0) {
		// The function's first line, two lines of context above, as much below as fits.
		const room = Math.max(1, height - lines.length);
		const first = Math.max(1, row.line - 2);
		for (let n = first; n < first + room && n <= list.source.length; n++) {
			const here = n === row.line;
			const figures = here ? `${value(row.flat).padStart(10)} ${value(row.cum).padStart(10)}` : ' '.repeat(21);
			lines.push(styledLine([{ text: figures, color: here ? 'yellow' : undefined }, { text: ` ${String(n).padStart(5)}  `, dim: true }, { text: list.source[n - 1].replace(/\t/g, '  '), bold: here }], width));
		}
	}
	while (lines.length < height) lines.push('');
	return lines.slice(0, height);
}
