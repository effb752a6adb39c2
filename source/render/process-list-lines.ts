// The process list's lines, htop-like: one row per target with its figures, a heap sparkline and its leak
// verdict; the selected row inverse. Pure: rows in, styled lines out.
import { formatBytes, formatPercent } from '../model/format.js';
import { styledLine, type Piece } from './styled-line.js';
import { sparkline } from './sparkline.js';
import type { ProcessRow } from '../watch/process-rows.js';
import { fitColumns } from './text-width.js';

const VERDICT_COLOR: Record<string, string> = { leak: 'red', 'no-leak': 'green', inconclusive: 'gray' };

interface Column {
	readonly title: string;
	readonly width: number;
	readonly right?: boolean;
	readonly cell: (row: ProcessRow) => Piece;
}

function columns(width: number): Column[] {
	const titleWidth = width >= 140 ? 28 : width >= 100 ? 20 : 12;
	const fixed: Column[] = [
		{ title: 'PID', width: 7, right: true, cell: (r) => ({ text: r.pid === undefined ? '–' : String(r.pid) }) },
		{ title: 'WHERE', width: 7, cell: (r) => ({ text: r.where, dim: true }) },
		{ title: 'TITLE', width: titleWidth, cell: (r) => ({ text: r.title }) },
		{ title: 'HEAP', width: 8, right: true, cell: (r) => ({ text: formatBytes(r.heapUsed), bold: true }) },
		{ title: 'RSS', width: 8, right: true, cell: (r) => ({ text: formatBytes(r.rss) }) },
		{ title: 'GC%', width: 5, right: true, cell: (r) => ({ text: formatPercent(r.gcTimePercent), color: (r.gcTimePercent ?? 0) > 10 ? 'yellow' : undefined }) },
		{ title: 'HNDL', width: 5, right: true, cell: (r) => ({ text: r.handles === undefined ? '–' : String(r.handles) }) },
	];
	const verdict: Column = { title: 'VERDICT', width: 12, cell: (r) => verdictCell(r) };
	// The marker, a space after every column, and one column spare at the right edge.
	const used = 2 + fixed.reduce((sum, c) => sum + c.width + 1, 0) + 1 + verdict.width + 1 + 1;
	const sparkWidth = Math.max(4, width - used);
	const spark: Column = { title: 'HEAP OVER WINDOW', width: sparkWidth, cell: (r) => ({ text: sparkline(r.heapSeries, sparkWidth), color: 'cyan' }) };
	return [...fixed, spark, verdict];
}

function verdictCell(row: ProcessRow): Piece {
	if (row.state === 'failed') return { text: 'not attached', color: 'red' };
	if (row.gone) return { text: row.state === 'exited' ? 'exited' : 'gone', dim: true };
	if (row.state === 'connecting') return { text: 'attaching', dim: true };
	if (row.state === 'busy') return { text: 'busy', color: 'yellow' };
	return row.verdict ? { text: row.verdict, color: VERDICT_COLOR[row.verdict] } : { text: '–', dim: true };
}

const pad = (text: string, width: number, right?: boolean) => fitColumns(text, width, right);

/** `height` lines: a title, the column heads, one line per row (scrolled to keep the selection in view). */
export function processListLines(rows: readonly ProcessRow[], selected: number, width: number, height: number, caption: string): string[] {
	const cols = columns(width);
	const live = rows.filter((r) => !r.gone).length;
	const lines = [
		styledLine([{ text: 'targets ', bold: true }, { text: `${live} live, ${rows.length - live} gone  `, dim: false }, { text: caption, dim: true }], width),
		styledLine([{ text: '  ' }, ...cols.map((c) => ({ text: pad(c.title, c.width, c.right) + ' ', bold: true, color: 'cyan' }))], width),
	];
	const room = Math.max(0, height - lines.length);
	const first = Math.min(Math.max(0, selected - room + 1), Math.max(0, rows.length - room));
	rows.slice(first, first + room).forEach((row, i) => {
		const isSelected = first + i === selected;
		const cells = cols.map((c) => {
			const piece = c.cell(row);
			return { ...piece, text: pad(piece.text, c.width, c.right) + ' ', dim: piece.dim || row.gone, inverse: isSelected };
		});
		lines.push(styledLine([{ text: isSelected ? '▶ ' : '  ', inverse: isSelected }, ...cells], width));
	});
	if (rows.length === 0) lines.push(styledLine([{ text: '  no target yet: ', dim: true }, { text: caption }], width));
	while (lines.length < height) lines.push('');
	return lines.slice(0, height);
}
