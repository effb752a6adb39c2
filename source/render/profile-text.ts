// pprof's top as text (flat, flat%, sum%, cum, cum%) or as the JSON document the README describes.
import path from 'node:path';
import { formatBytes, formatSigned } from '../model/format.js';
import type { Top } from '../model/profile/top.js';

const percent = (n: number, total: number) => `${((100 * n) / (total || 1)).toFixed(1)}%`;

/** JSON: {"sampleType","total","functions":[{name,url,line,flat,cum}]}; with a base, values are deltas. */
export function topJson(top: Top, n: number, file: string, base?: string): string {
	return JSON.stringify({ file, ...(base ? { base } : {}), sampleType: top.sampleType, total: top.total, functions: top.functions.slice(0, n) }) + '\n';
}

/** pprof-style table; sizes as bytes, deltas signed. */
export function topText(top: Top, n: number, file: string, base?: string): string {
	const bytes = top.sampleType.endsWith('/bytes');
	const value = (v: number) => (base ? formatSigned(v, bytes ? formatBytes : String) : bytes ? formatBytes(v) : String(Math.round(v)));
	const lines = [`${file}${base ? ` minus ${base}` : ''}: ${top.sampleType}, total ${value(top.total)}, showing ${Math.min(n, top.functions.length)} of ${top.functions.length} functions`];
	lines.push(`${'flat'.padStart(11)} ${'flat%'.padStart(6)} ${'sum%'.padStart(6)} ${'cum'.padStart(11)} ${'cum%'.padStart(6)}  function`);
	let sum = 0;
	for (const f of top.functions.slice(0, n)) {
		sum += f.flat;
		const where = f.url ? `${path.basename(f.url.replace(/^file:\/\//, ''))}:${f.line}` : '(native)';
		lines.push(`${value(f.flat).padStart(11)} ${percent(f.flat, top.total).padStart(6)} ${percent(sum, top.total).padStart(6)} ${value(f.cum).padStart(11)} ${percent(f.cum, top.total).padStart(6)}  ${f.name} ${where}`);
	}
	return lines.join('\n') + '\n';
}
