// The snapshot report as screen lines: summary or diff table with a selected row, or the retainers of one
// constructor. Pure: report and view state in, styled lines out, cut to the width and height given.
import path from 'node:path';
import type { SnapshotReport } from '../analysis/report.js';
import type { DiffRow } from '../model/heap-snapshot/diff.js';
import type { ClassRow } from '../model/heap-snapshot/summary.js';
import { formatBytes, formatCount, formatSigned } from '../model/format.js';
import { styledLine, type Piece } from './styled-line.js';

export interface ReportView {
	readonly mode: 'summary' | 'diff';
	readonly selected: number;
	/** The constructor whose retainers are shown, if any. */
	readonly open?: string;
}


interface Column<Row> { title: string; width: number; cell: (row: Row) => string }

/** The rows the table shows in a mode: what selection moves over. */
export function reportRows(report: SnapshotReport, mode: ReportView['mode']): (ClassRow | DiffRow)[] {
	return mode === 'diff' ? report.diff?.rows ?? [] : report.constructors;
}

/** Lines for the report body, exactly `height` of them (blank-padded), each at most `width` columns. */
export function reportLines(report: SnapshotReport, view: ReportView, width: number, height: number): string[] {
	const seconds = Object.values(report.timings).reduce((a, b) => a + b, 0) / 1000;
	const title: Piece[] = [
		{ text: 'Heap snapshot ', bold: true },
		{ text: path.basename(report.file) },
		{ text: ` · ${formatCount(report.nodes)} nodes · ${formatBytes(report.totalSize)} · analysed in ${seconds.toFixed(1)} s`, dim: true },
	];
	const tabs: Piece[] = [
		{ text: ' Summary ', inverse: view.mode === 'summary' && !view.open },
		{ text: '  ' },
		report.base ? { text: ` Diff vs ${path.basename(report.base)} `, inverse: view.mode === 'diff' && !view.open } : { text: 'Diff: press s again later to compare with this one', dim: true },
	];
	const lines = [styledLine(title, width), styledLine(tabs, width)];
	const body = Math.max(0, height - lines.length);
	lines.push(...(view.open ? retainerLines(report, view.open, width, body) : tableLines(report, view, width, body)));
	while (lines.length < height) lines.push('');
	return lines.slice(0, height);
}

function tableLines(report: SnapshotReport, view: ReportView, width: number, height: number): string[] {
	const rows = reportRows(report, view.mode);
	if (view.mode === 'diff' && !report.diff) return [styledLine([{ text: 'No previous snapshot to compare with yet.', dim: true }], width)];
	const total = report.totalSize || 1;
	const nameOf = (row: ClassRow | DiffRow) => ('isNew' in row && row.isNew ? `(new) ${row.name}` : row.name);
	const columns: Column<ClassRow & DiffRow>[] = view.mode === 'summary'
		? [
			{ title: 'Count', width: 11, cell: (r) => formatCount(r.count) },
			{ title: 'Shallow', width: 10, cell: (r) => formatBytes(r.selfSize) },
			{ title: 'Retained', width: 10, cell: (r) => formatBytes(r.retainedSize) },
			{ title: '%', width: 7, cell: (r) => `${((100 * r.retainedSize) / total).toFixed(1)}%` },
		]
		: report.diff?.matchedById
			? [
				{ title: '# New', width: 9, cell: (r) => formatCount(r.added) },
				{ title: '# Deleted', width: 10, cell: (r) => formatCount(r.removed) },
				{ title: '# Delta', width: 9, cell: (r) => formatSigned(r.countDelta, formatCount) },
				{ title: 'Alloc.', width: 10, cell: (r) => formatBytes(r.addedSize) },
				{ title: 'Freed', width: 10, cell: (r) => formatBytes(r.removedSize) },
				{ title: 'Size Δ', width: 10, cell: (r) => formatSigned(r.sizeDelta, formatBytes) },
			]
			: [
				{ title: '# Delta', width: 10, cell: (r) => formatSigned(r.countDelta, formatCount) },
				{ title: 'Size Δ', width: 11, cell: (r) => formatSigned(r.sizeDelta, formatBytes) },
			];
	// One column spare: a line that fills the terminal's last column can wrap on some terminals.
	const nameWidth = Math.max(12, width - 1 - columns.reduce((sum, c) => sum + c.width + 1, 0) - 2);
	const line = (name: string, cells: string[]) => `${name.slice(0, nameWidth).padEnd(nameWidth)} ${cells.map((c, i) => c.padStart(columns[i].width)).join(' ')}`;
	const out = [styledLine([{ text: '  ' + line('Constructor', columns.map((c) => c.title)), bold: true }], width)];
	if (view.mode === 'diff' && !report.diff?.matchedById) {
		out.push(styledLine([{ text: '  object ids differ between these snapshots: counts and sizes per constructor only', dim: true }], width));
	}
	const room = Math.max(1, height - out.length);
	const first = Math.min(Math.max(0, view.selected - Math.floor(room / 2)), Math.max(0, rows.length - room));
	rows.slice(first, first + room).forEach((row, i) => {
		const selected = first + i === view.selected;
		const text = `${selected ? '› ' : '  '}${line(nameOf(row), columns.map((c) => c.cell(row as ClassRow & DiffRow)))}`;
		out.push(styledLine([{ text, inverse: selected }], width));
	});
	if (rows.length === 0) out.push(styledLine([{ text: '  nothing changed', dim: true }], width));
	return out;
}

function retainerLines(report: SnapshotReport, name: string, width: number, height: number): string[] {
	const instances = report.retainers[name];
	const out = [styledLine([{ text: `Largest ${name} instances and what keeps them alive`, bold: true }, { text: '  (esc: back)', dim: true }], width)];
	if (!instances) {
		out.push(styledLine([{ text: `Retainers were worked out for the ${Object.keys(report.retainers).length} constructors with the largest retained size.`, dim: true }], width));
		out.push(styledLine([{ text: `For this one: memtop analyze ${report.file} --retainers "${name}"`, dim: true }], width));
		return out;
	}
	for (const instance of instances) {
		if (out.length >= height) break;
		out.push(styledLine([{ text: `${formatBytes(instance.retainedSize).padStart(9)} `, color: 'yellow' }, { text: `${name} @${instance.id}`, bold: true }, { text: `  shallow ${formatBytes(instance.selfSize)}`, dim: true }], width));
		const steps = instance.path.length === 0 ? ['(no strong path from a root)'] : instance.path.map((s) => (s.edge ? `${s.node}${s.edge}` : `${s.node} @${s.id}`));
		for (const wrapped of wrap(steps, ' → ', width - 12)) out.push(styledLine([{ text: ' '.repeat(12) + wrapped, dim: false }], width));
	}
	return out.slice(0, height);
}

/** Join parts with sep, breaking lines between parts so each fits width (a part longer than width is cut). */
function wrap(parts: string[], sep: string, width: number): string[] {
	const lines: string[] = [];
	let current = '';
	for (const [i, part] of parts.entries()) {
		const piece = i < parts.length - 1 ? part + sep : part;
		if (current && current.length + piece.length > width) {
			lines.push(current.trimEnd());
			current = '';
		}
		current += piece;
	}
	if (current) lines.push(current);
	return lines;
}
