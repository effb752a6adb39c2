// The leak verdict in one line under the header: the word, the evidence that earned it, the first suspect. Pure.
import path from 'node:path';
import type { LeakReport } from '../model/leak/detect.js';
import type { Suspect } from '../model/profile/suspects.js';
import { formatBytesPerMinute as perMin, formatDuration } from '../model/format.js';
import type { Piece } from './styled-line.js';

const place = (f: { name: string; url: string; line: number }) => `${f.name} ${f.url ? `${path.basename(f.url.replace(/^file:\/\//, ''))}:${f.line}` : '(native)'}`;

/** "cacheRequest cache.js:14 +1.2 MB/min via repeat"; without the rate where a column shows it. */
export function suspectText(s: Suspect, withRate = true): string {
	const from = s.callers[0] ? ` ← ${s.callers.map((c) => c.name).join(', ')}` : '';
	const through = s.calleeThrough?.map((f) => `${f.name} → `).join('') ?? '';
	const calls = s.callee ? ` (calls ${through}${place(s.callee)}${s.calleeFromSource ? ', per its source' : ''})` : '';
	return `${place(s)}${withRate ? ` ${perMin(s.growthBytesPerMin)}` : ''}${s.via ? ` via ${s.via.name}` : ''}${calls}${from}`;
}

export function verdictPieces(report: LeakReport, suspects: readonly Suspect[] | undefined): Piece[] {
	const over = `over ${formatDuration(report.watchedMs)}`;
	if (report.verdict === 'inconclusive') {
		return [{ text: '◌ leak check: inconclusive', color: 'yellow' }, { text: ` ${over} · ${report.need ?? 'more watching'}`, dim: true }];
	}
	if (report.verdict === 'no-leak') {
		return [{ text: '✓ no leak', color: 'green', bold: true }, { text: ` ${over} · heap floor ${perMin(report.heap.slopePerMin)} (${report.heap.basis}) · external ${perMin(report.external.slopePerMin)} · handles steady`, dim: true }];
	}
	const pieces: Piece[] = [{ text: '▲ LEAK', color: 'red', bold: true }];
	const evidence: string[] = [];
	if (report.kinds.includes('heap')) evidence.push(`heap ${perMin(report.heap.slopePerMin)} (r² ${report.heap.r2?.toFixed(2)})`);
	if (report.kinds.includes('external')) evidence.push(`external ${perMin(report.external.slopePerMin)}`);
	if (report.kinds.includes('rss')) evidence.push(`rss ${perMin(report.rss.slopePerMin)} outside both heaps`);
	for (const h of report.handles.filter((x) => x.verdict === 'leak')) evidence.push(`${h.type} handles ${h.start}→${h.end}`);
	pieces.push({ text: ` ${evidence.join(' · ')} ${over}`, bold: true });
	if (report.kinds.includes('heap') && suspects?.[0]) pieces.push({ text: ' · from ' }, { text: suspectText(suspects[0]), bold: true, color: 'yellow' });
	pieces.push({ text: '  l: details', dim: true });
	return pieces;
}
