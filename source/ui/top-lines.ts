// The live allocation top as screen lines: pprof's columns plus each function's growth. Pure.
import path from 'node:path';
import type { LiveTopStatus } from '../live-top.js';
import { functionKey } from '../live-top.js';
import { formatBytes, formatSigned } from '../model/format.js';
import { styledLine } from './styled-line.js';

const percent = (n: number, total: number) => `${((100 * n) / (total || 1)).toFixed(1)}%`;

/** Exactly `height` lines, each at most `width` columns; sorted by flat or by cum. */
export function topLines(status: LiveTopStatus, sort: 'flat' | 'cum', width: number, height: number): string[] {
	const top = status.top;
	const title = top
		? `Allocations in use (sampled), by function · total ${formatBytes(top.total)} · sorted by ${sort}`
		: 'Allocations in use (sampled), by function';
	const lines = [styledLine([{ text: title, bold: true }, ...(status.text ? [{ text: `  ${status.text}`, dim: true }] : [])], width)];
	if (top) {
		const header = `${'flat'.padStart(10)} ${'flat%'.padStart(6)} ${'sum%'.padStart(6)} ${'cum'.padStart(10)} ${'cum%'.padStart(6)} ${'growth/min'.padStart(11)}  function`;
		lines.push(styledLine([{ text: header, bold: true }], width));
		const rows = [...top.functions].sort((a, b) => (sort === 'cum' ? b.cum - a.cum : 0) || b.flat - a.flat);
		let sum = 0;
		for (const f of rows.slice(0, Math.max(0, height - lines.length))) {
			sum += f.flat;
			const growth = status.growth.get(functionKey(f));
			const where = f.url ? `${path.basename(f.url.replace(/^file:\/\//, ''))}:${f.line}` : '(native)';
			const text = `${formatBytes(f.flat).padStart(10)} ${percent(f.flat, top.total).padStart(6)} ${percent(sum, top.total).padStart(6)} ${formatBytes(f.cum).padStart(10)} ${percent(f.cum, top.total).padStart(6)} ${(growth === undefined ? '–' : formatSigned(growth, formatBytes)).padStart(11)}  `;
			lines.push(styledLine([{ text }, { text: f.name, bold: true }, { text: ` ${where}`, dim: true }], width));
		}
	}
	while (lines.length < height) lines.push('');
	return lines.slice(0, height);
}
