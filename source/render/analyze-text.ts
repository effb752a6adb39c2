// The analysis as text tables for people, or as one JSON document (the contract in the README).
import { formatBytes, formatCount, formatSigned } from '../model/format.js';
import { formatPath } from '../model/heap-snapshot/retainers.js';
import type { AnalyzeResult } from '../analysis/analyze.js';


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
	if (result.diff) {
		json.diff = result.diff.rows.slice(0, top);
		json.diffMatchedById = result.diff.matchedById;
	}
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
	const out = [`${result.file}: ${formatCount(result.nodes)} nodes, ${formatCount(result.edges)} edges, ${formatBytes(result.totalSize)} (${timing})`, ''];
	const percent = (n: number) => `${((100 * n) / (result.totalSize || 1)).toFixed(1)}%`;
	out.push(table(['Constructor', 'Count', 'Shallow', 'Retained', '%'],
		result.constructors.slice(0, top).map((c) => [c.name.slice(0, 60), formatCount(c.count), formatBytes(c.selfSize), formatBytes(c.retainedSize), percent(c.retainedSize)])));
	if (result.diff) out.push('', ...diffText(result, top));
	if (result.retainers) {
		const { name, instances } = result.retainers;
		out.push('', instances.length === 0 ? `No instance of "${name}" in this snapshot.` : `Largest ${name} instances and what keeps them alive:`);
		for (const instance of instances) out.push(`  ${formatBytes(instance.retainedSize).padStart(9)}  ${formatPath(instance.path)}`);
	}
	return out.join('\n') + '\n';
}

function diffText(result: AnalyzeResult, top: number): string[] {
	const { rows, matchedById } = result.diff!;
	const name = (d: { name: string; isNew: boolean }) => `${d.isNew ? '(new) ' : ''}${d.name.slice(0, 60)}`;
	if (!matchedById) {
		return [`Compared with ${result.base}: the two snapshots do not share object ids (they were taken over different`,
			'inspector sessions, which reset them), so only counts and sizes per constructor are compared:',
			rows.length === 0 ? 'no change' : table(['Constructor', '# Delta', 'Size delta'], rows.slice(0, top).map((d) => [name(d), formatSigned(d.countDelta, formatCount), formatSigned(d.sizeDelta, formatBytes)]))];
	}
	return [`Compared with ${result.base} (objects matched by id):`,
		rows.length === 0 ? 'no object was added or removed' : table(['Constructor', '# New', '# Deleted', '# Delta', 'Alloc. size', 'Freed size', 'Size delta'],
			rows.slice(0, top).map((d) => [name(d), formatCount(d.added ?? 0), formatCount(d.removed ?? 0), formatSigned(d.countDelta, formatCount), formatBytes(d.addedSize), formatBytes(d.removedSize), formatSigned(d.sizeDelta, formatBytes)]))];
}
