// The analysis as text tables for people, or as one JSON document (the contract in the README).
import { formatBytes } from '../model/format.js';
import { formatPath } from '../model/heap-snapshot/retainers.js';
import type { AnalyzeResult } from './analyze.js';

const int = (n: number) => Math.round(n).toLocaleString('en-US');
const signed = (n: number, format: (n: number) => string) => (n > 0 ? `+${format(n)}` : n < 0 ? `-${format(-n)}` : format(0));

/** JSON: sizes in bytes; constructors and diff cut to the top N rows. */
export function analysisJson(result: AnalyzeResult, top: number): string {
	const json: Record<string, unknown> = {
		file: result.file,
		nodes: result.nodes,
		edges: result.edges,
		totalSize: result.totalSize,
		constructors: result.constructors.slice(0, top),
	};
	if (result.base) json.base = result.base;
	if (result.diff) json.diff = result.diff.slice(0, top);
	if (result.retainers) json.retainers = result.retainers;
	return JSON.stringify(json) + '\n';
}

function table(header: string[], rows: string[][]): string {
	const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
	const line = (cells: string[]) => cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join('  ').trimEnd();
	return [line(header), ...rows.map(line)].join('\n');
}

/** Tables for a terminal: summary, then diff and retainers when asked. */
export function analysisText(result: AnalyzeResult, top: number): string {
	const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;
	const timing = Object.entries(result.timings).map(([phase, ms]) => `${phase} ${seconds(ms)}`).join(', ');
	const out = [`${result.file}: ${int(result.nodes)} nodes, ${int(result.edges)} edges, ${formatBytes(result.totalSize)} (${timing})`, ''];
	const percent = (n: number) => `${((100 * n) / (result.totalSize || 1)).toFixed(1)}%`;
	out.push(table(['Constructor', 'Count', 'Shallow', 'Retained', '%'],
		result.constructors.slice(0, top).map((c) => [c.name.slice(0, 60), int(c.count), formatBytes(c.selfSize), formatBytes(c.retainedSize), percent(c.retainedSize)])));
	if (result.diff) {
		out.push('', `Compared with ${result.base} (objects matched by id):`);
		out.push(result.diff.length === 0 ? 'no object was added or removed' : table(['Constructor', '# New', '# Deleted', '# Delta', 'Alloc. size', 'Freed size', 'Size delta'],
			result.diff.slice(0, top).map((d) => [`${d.isNew ? '(new) ' : ''}${d.name.slice(0, 60)}`, int(d.added), int(d.removed), signed(d.countDelta, int), formatBytes(d.addedSize), formatBytes(d.removedSize), signed(d.sizeDelta, formatBytes)])));
	}
	if (result.retainers) {
		const { name, instances } = result.retainers;
		out.push('', instances.length === 0 ? `No instance of "${name}" in this snapshot.` : `Largest ${name} instances and what keeps them alive:`);
		for (const instance of instances) out.push(`  ${formatBytes(instance.retainedSize).padStart(9)}  ${formatPath(instance.path)}`);
	}
	return out.join('\n') + '\n';
}
