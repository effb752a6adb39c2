// Issue 5's accuracy figures (never pass/fail): memtop headless for 60 s on each program of the leak corpus
// (test/fixtures/leaks), in spawn mode as a user would run it in CI, and a table of what was expected against
// the verdict it gave, the kinds of leak, and the top suspect (for heap leaks) or the growing handle type.
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { cli, here } from './overhead.js';
import { nodeBinary } from '../scripts/node-runtimes.js';

const DURATION_S = Number(process.env.DURATION ?? 60);
const PARALLEL = Number(process.env.PARALLEL ?? 2);
const corpus = path.join(here, '..', 'test', 'fixtures', 'leaks');
// TARGET_NODE=24 runs the programs on Node 24 from the npm registry (scripts/node-runtimes.ts); memtop on this Node.
const targetNode = process.env.TARGET_NODE ? nodeBinary(Number(process.env.TARGET_NODE)) : process.execPath;
const targetVersion = spawnSync(targetNode, ['--version'], { encoding: 'utf8' }).stdout.trim();

// culprit: the function (in the top suspect or the functions that called it) or the handle type to be named.
// Buffers' memory lies outside the JS heap, where V8's allocation sampler does not look: no culprit expected.
interface Case { file: string; expected: 'leak' | 'no-leak'; kind?: string; culprit?: string }
const cases: Case[] = [
	{ file: 'map-cache.cjs', expected: 'leak', kind: 'heap', culprit: 'cacheRequest' },
	{ file: 'listeners.cjs', expected: 'leak', kind: 'heap', culprit: 'subscribeRequest' },
	{ file: 'registry.cjs', expected: 'leak', kind: 'heap', culprit: 'registerHandler' },
	{ file: 'buffers.cjs', expected: 'leak', kind: 'external' },
	{ file: 'intervals.cjs', expected: 'leak', kind: 'handles', culprit: 'Timeout' },
	{ file: 'sockets.cjs', expected: 'leak', kind: 'handles', culprit: 'TCPSocketWrap' },
	{ file: 'garbage.cjs', expected: 'no-leak' },
	{ file: 'capped-cache.cjs', expected: 'no-leak' },
	{ file: 'sawtooth.cjs', expected: 'no-leak' },
];

interface Suspect { function: string; url: string; line: number; growthBytesPerMin: number; via?: string; calledFrom?: string[]; calls?: string }
interface Summary { leak: { verdict: string; kinds?: string[]; suspects?: Suspect[]; handles?: Record<string, { start: number; end: number }>; handleStacks?: { type: string; count: number; stack: string[] }[]; need?: string } }

function run(c: Case): Promise<{ c: Case; summary?: Summary; error?: string }> {
	return new Promise((resolve) => {
		// A leak verdict is an alert, and an alert captures a profile: into a temp folder, not the checkout.
		const outDir = fs.mkdtempSync(path.join(os.tmpdir(), 'memtop-bench-leaks-'));
		const child = spawn(process.execPath, [cli, '--json', '--duration', String(DURATION_S), '--out-dir', outDir, '--', targetNode, path.join(corpus, c.file)], { stdio: ['ignore', 'pipe', 'pipe'] });
		child.on('close', () => fs.rmSync(outDir, { recursive: true, force: true }));
		let out = '';
		let err = '';
		child.stdout.setEncoding('utf8').on('data', (d: string) => (out += d));
		child.stderr.setEncoding('utf8').on('data', (d: string) => (err += d));
		child.on('exit', () => {
			const line = out.split('\n').find((l) => l.includes('"type":"summary"'));
			resolve(line ? { c, summary: JSON.parse(line) as Summary } : { c, error: err.trim() || 'no summary line' });
		});
	});
}

// ONLY=map-cache.cjs,sockets.cjs runs some of them (while tuning); the figures quoted are from whole runs.
const chosen = process.env.ONLY ? cases.filter((c) => process.env.ONLY!.split(',').includes(c.file)) : cases;
/** The lines of the culprit function's body in its fixture: from `function name(` to the closing brace. */
function bodyLines(c: Case): { first: number; last: number } {
	const lines = fs.readFileSync(path.join(corpus, c.file), 'utf8').split('\n');
	const first = lines.findIndex((l) => l.startsWith(`function ${c.culprit}(`)) + 1;
	const last = first + lines.slice(first).findIndex((l) => l.startsWith('}'));
	return first > 0 ? { first, last: last + 1 } : { first: -1, last: -1 };
}

const results: Awaited<ReturnType<typeof run>>[] = [];
for (let i = 0; i < chosen.length; i += PARALLEL) results.push(...(await Promise.all(chosen.slice(i, i + PARALLEL).map(run))));

const pad = (s: string, n: number) => s.padEnd(n);
console.log(`leak corpus on Node ${targetVersion}, ${DURATION_S} s each, memtop --json in spawn mode (${PARALLEL} at a time):`);
console.log(`${pad('program', 18)}${pad('expected', 18)}${pad('verdict', 24)}${pad('culprit named', 60)}right`);
let right = 0;
for (const { c, summary, error } of results) {
	const leak = summary?.leak;
	const verdict = leak ? `${leak.verdict}${leak.kinds?.length ? ` (${leak.kinds.join(',')})` : ''}` : `error: ${error}`;
	const growing = Object.entries(leak?.handles ?? {}).filter(([, h]) => h.end > h.start).sort((a, b) => (b[1].end - b[1].start) - (a[1].end - a[1].start));
	const top = leak?.suspects?.[0];
	const stack = leak?.handleStacks?.[0];
	const named = c.kind === 'handles'
		? `${growing.map(([type, h]) => `${type} ${h.start}→${h.end}`).slice(0, 1).join(', ')}${stack ? ` from ${stack.stack[0]?.replace(/ \(.*\//, ' (')}` : ''}`
		: top ? `${top.function} ${path.basename(top.url)}:${top.line}${top.via ? ` via ${top.via}` : ''}${top.calls ? ` calls ${top.calls.split(' ')[0]}` : ''}${top.calledFrom?.[0] ? ` ← ${top.calledFrom[0].split(' ')[0]}` : ''}` : '';
	// Right: the culprit itself, a site inside its body (an arrow function it defines), or the culprit among the
	// functions the site calls or is called from (V8 names the caller once a small helper is inlined into it).
	const body = bodyLines(c);
	const inStack = (s?: Suspect) => s !== undefined && ([s.function, s.calls?.split(' ')[0], ...(s.calledFrom ?? []).map((f) => f.split(' ')[0])].includes(c.culprit!)
		|| (s.url.endsWith(c.file) && s.line >= body.first && s.line <= body.last));
	const culpritRight = !c.culprit || (c.kind === 'handles' ? growing[0]?.[0] === c.culprit && stack !== undefined : inStack(top));
	const ok = leak?.verdict === c.expected && (c.expected === 'no-leak' || (leak.kinds?.includes(c.kind!) && culpritRight));
	if (ok) right++;
	console.log(`${pad(c.file, 18)}${pad(c.expected + (c.kind ? ` (${c.kind})` : ''), 18)}${pad(verdict, 24)}${pad((named || (leak?.need ?? "–")).slice(0, 58), 60)}${ok ? 'yes' : 'NO'}`);
}
console.log(`leak corpus on Node ${targetVersion}: ${right} of ${results.length} right (goal: every leak found with its kind and culprit, no healthy program called a leak)`);
