// Issue 3's performance goals, measured side by side in one run (figures, never pass/fail):
//  1. capture of ../shared/fixtures/bigheap.js 600000 (and 2400000): the time memtop snapshot takes as users run it, streamed, and V8 alone; memtop's peak RSS while streaming;
//  2. analysis (parse + dominators + retained sizes + summary) against memlab's getFullHeapFromFile on that
//     file: time and peak RSS, each in a fresh process, turns alternated;
//  3. correctness at the same time: count and shallow size per constructor equal to memlab's, retained size
//     within 1% for the top 20 (both grouped by DevTools' Summary rules).
// SNAPSHOT=file skips the capture and analyses that file. MEMLAB_DIR=dir uses a memlab installed there;
// otherwise it is installed once into the temp directory. ROUNDS=n (default 1) runs each analysis n times.
import { spawn, execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const cli = path.join(here, '..', 'dist', 'cli.js');
const fixture = path.join(here, '..', '..', 'shared', 'fixtures', 'bigheap.js');
const SESSIONS = (process.env.SESSIONS ?? '600000,2400000').split(',').map(Number);
const ROUNDS = Number(process.env.ROUNDS ?? 1);
const MB = 1024 * 1024;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const vmHwm = (pid: number) => {
	try {
		return Number(/VmHWM:\s+(\d+) kB/.exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'))![1]) * 1024;
	} catch {
		return undefined; // the process has exited
	}
};

interface Row { name: string; count: number; selfSize: number; retainedSize: number }
interface Result { ms: number; peakRss: number; constructors: Row[] }

/** Evaluate expression in the target (a bench's own connection, not memtop's); milliseconds it took. */
async function evaluate(wsUrl: string, expression: string): Promise<number> {
	const { default: CDP } = await import('chrome-remote-interface');
	const client = await CDP({ target: wsUrl });
	try {
		const t0 = Date.now();
		const result = await client.send('Runtime.evaluate', { expression, returnByValue: true });
		if (result.exceptionDetails) throw new Error(`${expression} failed: ${result.exceptionDetails.text}`);
		return Date.now() - t0;
	} finally {
		await client.close();
	}
}

/** `memtop snapshot --out file` of the target: its time and memtop's peak RSS. */
async function memtopSnapshot(url: string, file: string): Promise<{ ms: number; peakRss: number }> {
	const t0 = Date.now();
	const memtop = spawn(process.execPath, [cli, 'snapshot', '--ws', url, '--out', file], { stdio: ['ignore', 'ignore', 'inherit'] });
	let peakRss = 0;
	const exited = new Promise<number | null>((resolve) => memtop.once('exit', resolve));
	let done = false;
	void exited.then(() => (done = true));
	while (!done) {
		peakRss = Math.max(peakRss, vmHwm(memtop.pid!) ?? 0);
		await sleep(100);
	}
	if ((await exited) !== 0) throw new Error('memtop snapshot failed');
	return { ms: Date.now() - t0, peakRss };
}

interface Capture { bytes: number; ms: number; streamedMs: number; streamedRss: number; v8Ms: number }

/**
 * Start bigheap.js with an inspector, wait for "ready", warm up, and capture its heap three ways: `memtop snapshot` as users
 * run it (the target's own V8 writes the file, on this machine), `memtop snapshot` streamed over the inspector (as
 * for a target on another machine: the target is made unable to write it itself by hiding
 * process.getBuiltinModule for that capture), watching memtop's RSS, and V8's writeHeapSnapshot alone.
 */
async function capture(file: string, sessions: number): Promise<Capture> {
	const target = spawn(process.execPath, ['--max-old-space-size=8192', '--inspect=127.0.0.1:0', fixture, String(sessions)], { stdio: ['ignore', 'pipe', 'pipe'] });
	try {
		let err = '';
		target.stderr!.setEncoding('utf8').on('data', (d: string) => (err += d));
		await new Promise<void>((resolve, reject) => {
			target.stdout!.setEncoding('utf8').on('data', (d: string) => d.includes('ready') && resolve());
			target.once('exit', () => reject(new Error(`bigheap.js exited: ${err}`)));
		});
		const url = /ws:\/\/\S+/.exec(err)![0];
		// A process's first snapshot is slower than the next ones (V8 sets up what every snapshot shares): one is
		// taken and thrown away first, so the three measured ones start even.
		await evaluate(url, `process.getBuiltinModule('v8').writeHeapSnapshot(${JSON.stringify(`${file}.warm`)})`);
		fs.rmSync(`${file}.warm`, { force: true });
		const { ms } = await memtopSnapshot(url, file);
		await evaluate(url, 'globalThis.benchHidden = process.getBuiltinModule, delete process.getBuiltinModule');
		const streamed = await memtopSnapshot(url, `${file}.streamed`);
		fs.rmSync(`${file}.streamed`, { force: true });
		await evaluate(url, 'process.getBuiltinModule = globalThis.benchHidden, delete globalThis.benchHidden');
		const v8Ms = await evaluate(url, `process.getBuiltinModule('v8').writeHeapSnapshot(${JSON.stringify(`${file}.v8`)})`);
		fs.rmSync(`${file}.v8`, { force: true });
		return { bytes: fs.statSync(file).size, ms, streamedMs: streamed.ms, streamedRss: streamed.peakRss, v8Ms };
	} finally {
		target.kill('SIGKILL');
	}
}

/** memlab, from MEMLAB_DIR or installed once into the temp directory (no browser download, no install scripts). */
function memlabDir(): string {
	const dir = process.env.MEMLAB_DIR ?? path.join(os.tmpdir(), 'memtop-bench-memlab');
	if (!fs.existsSync(path.join(dir, 'node_modules', '@memlab', 'heap-analysis'))) {
		console.log(`installing @memlab/heap-analysis into ${dir} ...`);
		fs.mkdirSync(dir, { recursive: true });
		execFileSync('npm', ['install', '--prefix', dir, '--no-audit', '--no-fund', '--ignore-scripts', '@memlab/heap-analysis'], {
			stdio: 'inherit',
			env: { ...process.env, PUPPETEER_SKIP_DOWNLOAD: '1' },
		});
	}
	return dir;
}

function run(args: string[]): Result {
	const out = path.join(os.tmpdir(), `memtop-bench-${process.pid}-${Date.now()}.json`);
	execFileSync(process.execPath, [...args, out], { stdio: ['ignore', 'ignore', 'inherit'] });
	const result = JSON.parse(fs.readFileSync(out, 'utf8')) as Result;
	fs.rmSync(out);
	return result;
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor((xs.length - 1) / 2)];

/** One row of the table: capture (unless SNAPSHOT names a file), then both analysers side by side on the file. */
async function measureSize(sessions: number, given?: string): Promise<void> {
	let file = given;
	if (!file) {
		file = path.join(os.tmpdir(), `memtop-bench-bigheap-${process.pid}-${sessions}.heapsnapshot`);
		const c = await capture(file, sessions);
		const s = (ms: number) => `${(ms / 1000).toFixed(1)} s`;
		console.log(`capture: memtop peak RSS ${(c.streamedRss / MB).toFixed(1)} MiB while streaming a ${(c.bytes / MB).toFixed(0)} MiB snapshot of bigheap.js ${sessions} in ${s(c.streamedMs)} (goal < 150 MiB)`);
		console.log(`capture time of the same heap: memtop snapshot ${s(c.ms)} (written by the target's V8, on this machine), streamed over the inspector ${s(c.streamedMs)}: ${(c.streamedMs / c.ms).toFixed(2)}x slower; V8's writeHeapSnapshot alone ${s(c.v8Ms)}`);
	}
	try {
		if (process.env.CAPTURE_ONLY === '1') return;
		const dir = memlabDir();
		const memtopRuns: Result[] = [];
		const memlabRuns: Result[] = [];
		for (let round = 0; round < ROUNDS; round++) {
			memtopRuns.push(run([path.join(here, 'peers', 'memtop-summary.mjs'), file, 'devtools']));
			memlabRuns.push(run(['--max-old-space-size=16384', path.join(here, 'peers', 'memlab-summary.cjs'), dir, file]));
		}
		const memtopMs = median(memtopRuns.map((r) => r.ms));
		const memlabMs = median(memlabRuns.map((r) => r.ms));
		const memtopRss = median(memtopRuns.map((r) => r.peakRss));
		const memlabRss = median(memlabRuns.map((r) => r.peakRss));
		const size = `${(fs.statSync(file).size / MB).toFixed(0)} MiB snapshot`;
		console.log(`analysis time, ${size} (parse, dominators, retained sizes; memtop also its summary): memtop ${(memtopMs / 1000).toFixed(2)} s, memlab ${(memlabMs / 1000).toFixed(2)} s: ${(memlabMs / memtopMs).toFixed(1)}x faster (goal >= 10x), median of ${ROUNDS}`);
		console.log(`analysis peak RSS, ${size}: memtop ${(memtopRss / MB).toFixed(0)} MiB, memlab ${(memlabRss / MB).toFixed(0)} MiB: ${(memtopRss / memlabRss).toFixed(3)} of memlab's (goal <= 0.25)`);
		// Correctness: both sides grouped by the same Summary rules; first memtop as DevTools counts, then with
		// memlab's edge rules, to show the differences come from rules, not from arithmetic.
		const likeMemlab = run([path.join(here, 'peers', 'memtop-summary.mjs'), file, 'memlab']);
		compare('DevTools rules', memtopRuns[0].constructors, memlabRuns[0].constructors);
		compare("memlab's rules", likeMemlab.constructors, memlabRuns[0].constructors);
	} finally {
		if (!given) fs.rmSync(file, { force: true });
	}
}

// The issue's table: a 620 MB and a 2.5 GB snapshot (SESSIONS=600000 only, for a quick run).
// CAPTURE_ONLY=1: the capture figures alone (no analysis).
if (process.env.SNAPSHOT) await measureSize(0, process.env.SNAPSHOT);
else for (const sessions of SESSIONS) await measureSize(sessions);

function compare(label: string, ours: Row[], theirs: Row[]): void {
	const mine = new Map(ours.map((r) => [r.name, r]));
	const peer = new Map(theirs.map((r) => [r.name, r]));
	const names = new Set([...mine.keys(), ...peer.keys()]);
	const shallowOff = [...names].filter((n) => mine.get(n)?.count !== peer.get(n)?.count || mine.get(n)?.selfSize !== peer.get(n)?.selfSize);
	const top = [...ours].sort((a, b) => b.retainedSize - a.retainedSize).slice(0, 20);
	const retainedOff = top.filter((r) => Math.abs(r.retainedSize - (peer.get(r.name)?.retainedSize ?? 0)) > 0.01 * r.retainedSize);
	console.log(`correctness, memtop with ${label} vs memlab: count and shallow size equal for ${names.size - shallowOff.length} of ${names.size} constructors; retained size within 1% for ${top.length - retainedOff.length} of memtop's top ${top.length}`);
	const show = (r: Row | undefined) => (r ? `${r.count} / ${r.selfSize} B / ${r.retainedSize} B` : 'absent');
	for (const n of shallowOff.slice(0, 12)) console.log(`  ${n}: memtop ${show(mine.get(n))}, memlab ${show(peer.get(n))}`);
	for (const r of retainedOff) console.log(`  retained ${r.name}: memtop ${r.retainedSize} B, memlab ${peer.get(r.name)?.retainedSize ?? 'absent'}`);
}
