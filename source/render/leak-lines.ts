// The l screen: the leak verdict and every piece of evidence behind it (each series' slope, fit and steps,
// each handle type against its baseline, the growing functions), then the alerts that tripped. Pure.
import type { LeakReport } from '../model/leak/detect.js';
import type { GrowthJudgement } from '../model/leak/growth.js';
import type { Suspect } from '../model/profile/suspects.js';
import type { HandleStacksStatus } from '../watch/handle-stacks.js';
import { formatBytes, formatBytesPerMinute } from '../model/format.js';
import { styledLine } from './styled-line.js';
import { suspectText, verdictPieces } from './verdict-line.js';
import { formatPath } from '../model/heap-snapshot/retainers.js';
import type { HoldersStatus } from '../watch/holders.js';

export interface AlertEntry {
	readonly t: number;
	readonly text: string;
}

const COLORS = { leak: 'red', 'no-leak': 'green', inconclusive: 'yellow' } as const;

function judgementLine(label: string, j: GrowthJudgement, width: number): string {
	return styledLine([{ text: `  ${label.padEnd(24)} ` }, { text: j.verdict.padEnd(13), color: COLORS[j.verdict], bold: true }, { text: j.reason, dim: true }], width);
}

export interface LeakView {
	readonly report: LeakReport;
	readonly suspects?: readonly Suspect[];
	readonly alerts: readonly AlertEntry[];
	readonly handleStacks?: HandleStacksStatus;
	readonly holders?: HoldersStatus;
}

export function leakLines({ report, suspects, alerts, handleStacks, holders }: LeakView, width: number, height: number): string[] {
	const lines = [styledLine(verdictPieces(report, suspects).filter((p) => p.text !== '  l: details'), width), ''];
	const title = (text: string) => lines.push(styledLine([{ text, bold: true }], width));
	title('Series (judged on their floor: what is left between the peaks)');
	const basis = { 'major GC floors': 'after major GCs', 'lowest major GC floors': 'lowest after major GCs', 'lower envelope of heap used': 'lower envelope' }[report.heap.basis];
	lines.push(judgementLine(`heap (${basis})`, report.heap, width));
	lines.push(judgementLine('external + buffers', report.external, width));
	lines.push(judgementLine('rss outside both heaps', report.rss, width));
	lines.push('');
	title('Handles by type (start of the window → now)');
	for (const h of report.handles) lines.push(judgementLine(`${h.type} ${h.start}→${h.end}`, h, width));
	if (report.handles.length === 0) lines.push(styledLine([{ text: '  none', dim: true }], width));
	const traced = handleStacks?.report;
	if (handleStacks && handleStacks.phase !== 'idle') {
		lines.push('');
		const when = traced ? `recorded from ${new Date(traced.startedAt).toLocaleTimeString('en-GB')}` : '';
		title(`Where the live ${handleStacks.types.join(', ')} handles were created ${when}${handleStacks.phase === 'recording' ? ' (recording…)' : ''}`);
		if (handleStacks.text) lines.push(styledLine([{ text: `  ${handleStacks.text}`, dim: true }], width));
		for (const s of traced?.stacks.slice(0, 3) ?? []) {
			lines.push(styledLine([{ text: `  ${String(s.count).padStart(6)} ${s.type.padEnd(14)}`, bold: true }, { text: s.stack[0] ?? '(no frame of the program)', color: 'yellow' }], width));
			for (const frame of s.stack.slice(1, 3)) lines.push(styledLine([{ text: `${' '.repeat(23)}${frame}`, dim: true }], width));
		}
	}
	lines.push('');
	title('Growing functions (in-use bytes, internals charged to the program\'s caller)');
	for (const s of suspects ?? []) lines.push(styledLine([{ text: `  ${formatBytesPerMinute(s.growthBytesPerMin).padStart(14)}  in use ${formatBytes(s.inUseBytes).padStart(9)}  ` }, { text: suspectText(s, false), bold: true }], width));
	if (!suspects?.length) lines.push(styledLine([{ text: suspects ? '  none growing' : '  no allocation sampling (--no-sampling, or another tool owns the sampler)', dim: true }], width));
	if (holders && holders.phase !== 'idle') lines.push('', ...holderLines(holders, width));
	lines.push('');
	title(`Alerts (${alerts.length})`);
	for (const a of alerts.slice(-Math.max(1, height - lines.length - 1)).reverse()) lines.push(styledLine([{ text: `  ${new Date(a.t).toLocaleTimeString('en-GB')}  ` , dim: true }, { text: a.text }], width));
	if (alerts.length === 0) lines.push(styledLine([{ text: '  none', dim: true }], width));
	while (lines.length < height) lines.push('');
	return lines.slice(0, height);
}

/** What holds the growing objects: each class that grew between two snapshots, and the path to its newest. */
function holderLines(holders: HoldersStatus, width: number): string[] {
	const lines = [styledLine([{ text: 'What holds them (two heap snapshots apart: classes that grew, how many of the newest share a path, the path)', bold: true }], width)];
	if (holders.text) lines.push(styledLine([{ text: `  ${holders.text}`, dim: true }], width));
	for (const held of holders.heldBy ?? []) {
		const left = `  +${held.added} ${held.name}`.padEnd(24) + formatBytes(held.addedSize).padStart(9) + (held.holder ? ` ${held.holder.shared}/${held.holder.of}`.padStart(7) : '') + '  ';
		// The end of the path is the container the program fills: when the line is too short, its start goes.
		const path = held.holder ? formatPath(held.holder.instance.path) : '';
		const room = Math.max(10, width - left.length);
		lines.push(styledLine([{ text: left, bold: true }, { text: path.length > room ? `…${path.slice(path.length - room + 1)}` : path, color: 'yellow' }], width));
	}
	return lines;
}
