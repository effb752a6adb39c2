// Issue 21's goal for big recordings: a day at 1 s (86,400 samples per target, three targets, a GC record a
// second each) opens in under 2 s and under 200 MB. Measured as a user runs the commands: memtop plot (read the
// file into histories, chart the whole run, write the SVG), and memtop replay in a pseudo-terminal until its first
// screen is drawn, then a step of its cursor; each with its peak RSS read from /proc while it runs.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const cli = path.join(here, '..', 'dist', 'cli.js');
const HOURS = Number(process.env.HOURS ?? 24);
const TARGETS = Number(process.env.TARGETS ?? 3);
const MiB = 1024 * 1024;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** A recording in memtop's NDJSON, as --json writes it: meta, a target record each, a sample and a GC record a second. */
function writeRecording(file: string): { bytes: number; samples: number } {
	const fd = fs.openSync(file, 'w');
	const start = Date.UTC(2026, 0, 1);
	const seconds = HOURS * 3600;
	let lines: string[] = [JSON.stringify({ type: 'meta', format: 1, memtop: 'bench', t: start, intervalMs: 1000, windowMs: 300_000 })];
	const flush = () => {
		fs.writeSync(fd, lines.join('\n') + '\n');
		lines = [];
	};
	for (let k = 0; k < TARGETS; k++) lines.push(JSON.stringify({ target: `ws://127.0.0.1:${9229 + k}/x`, type: 'target', runtime: 'node', pid: 4000 + k, nodeVersion: 'v24.0.0', title: 'node', argv: ['node', `worker-${k}.js`] }));
	for (let s = 0; s < seconds; s++) {
		const t = start + s * 1000;
		for (let k = 0; k < TARGETS; k++) {
			const target = `ws://127.0.0.1:${9229 + k}/x`;
			const heap = 40e6 + (s % 60) * 300_000 + s * 20;
			lines.push(JSON.stringify({ target, type: 'gc', t: t - 400, kind: s % 30 === 0 ? 'major' : 'minor', pauseMs: 1.2 + (s % 7) * 0.3, heapBefore: heap + 2e6, heapAfter: heap }));
			lines.push(JSON.stringify({ target, type: 'sample', t, heapUsed: heap, heapTotal: 80e6, heapLimit: 4345298944, rss: 150e6 + s * 30, external: 2e6, arrayBuffers: 4e5, allocRate: 3e6 + (s % 11) * 1e5,
				gc: { count: s, minor: s - Math.floor(s / 30), major: Math.floor(s / 30), pauseMs: 1.5, p99Ms: 3.1, timePercent: 0.15 }, handles: { total: 9, byType: { TCPSocketWrap: 6, Timeout: 2, TCPServerWrap: 1 } },
				loopDelay: { p50Ms: 10.1, p99Ms: 11.2 }, cpuPercent: 4.2 }));
		}
		if (lines.length > 10_000) flush();
	}
	lines.push(JSON.stringify({ type: 'end', t: start + seconds * 1000, reason: 'duration' }));
	flush();
	fs.closeSync(fd);
	return { bytes: fs.statSync(file).size, samples: seconds * TARGETS };
}

const peakRss = (pid: number) => {
	try {
		return Number(/VmHWM:\s+(\d+) kB/.exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'))![1]) * 1024;
	} catch {
		return 0;
	}
};

/** The process `script` started for the command: the node that runs memtop. */
function childOf(pid: number): number | undefined {
	try {
		return Number(fs.readFileSync(`/proc/${pid}/task/${pid}/children`, 'utf8').trim().split(' ')[0]) || undefined;
	} catch {
		return undefined;
	}
}

/** Run memtop plot; its time and peak RSS. */
async function plot(file: string, out: string): Promise<{ ms: number; peak: number }> {
	const t0 = performance.now();
	const child = spawn(process.execPath, [cli, 'plot', file, '--out', out], { stdio: ['ignore', 'ignore', 'inherit'] });
	let peak = 0;
	let done = false;
	const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
	void exited.then(() => (done = true));
	while (!done) {
		peak = Math.max(peak, peakRss(child.pid!));
		await sleep(20);
	}
	if ((await exited) !== 0) throw new Error('memtop plot failed');
	return { ms: performance.now() - t0, peak };
}

/**
 * Run memtop replay in a pseudo-terminal (util-linux's script) until its first screen is drawn (the header's
 * REPLAY), then step the cursor back an hour and to the start, each answered by a frame; its peak RSS, and q.
 */
async function replay(file: string): Promise<{ openMs: number; stepMs: number; peak: number }> {
	const t0 = performance.now();
	const child = spawn('script', ['-qfc', `exec ${process.execPath} ${cli} replay ${file}`, '/dev/null'], { stdio: ['pipe', 'pipe', 'inherit'], env: { ...process.env, COLUMNS: '160', LINES: '48' } });
	let output = '';
	child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
	const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
	let peak = 0;
	let openMs = 0;
	const until = async (test: () => boolean) => {
		for (let i = 0; i < 1500 && !test(); i++) {
			const node = childOf(child.pid!);
			if (node) peak = Math.max(peak, peakRss(node));
			await sleep(10);
		}
	};
	await until(() => output.includes('REPLAY'));
	openMs = performance.now() - t0;
	if (!output.includes('REPLAY')) throw new Error(`memtop replay drew no screen: ${output.slice(-500)}`);
	const step = async (key: string, shown: RegExp) => {
		const from = performance.now();
		child.stdin.write(key);
		await until(() => shown.test(output));
		if (!shown.test(output)) throw new Error(`memtop replay never showed ${shown}: ${output.slice(-500)}`);
		return performance.now() - from;
	};
	try {
		const stepMs = Math.max(await step('[', /at 2026-01-01 23:58:59 UTC/), await step('\u001b[H', /at 2026-01-01 00:00:00 UTC/));
		child.stdin.write('q');
		await exited;
		return { openMs, stepMs, peak };
	} finally {
		child.kill('SIGKILL'); // script, and with it the replay, whatever happened
	}
}

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'memtop-bench-recording-'));
try {
	const file = path.join(dir, 'day.ndjson');
	const { bytes, samples } = writeRecording(file);
	const what = `a ${HOURS} h recording (${TARGETS} targets x ${samples / TARGETS} samples at 1 s and a GC record a second each, ${(bytes / MiB).toFixed(0)} MiB of NDJSON)`;
	const drawn = await plot(file, path.join(dir, 'day.svg'));
	console.log(`memtop plot of ${what}: ${(drawn.ms / 1000).toFixed(2)} s, peak RSS ${(drawn.peak / MiB).toFixed(0)} MiB (goal: under 2 s and 200 MB)`);
	const replayed = await replay(file);
	console.log(`memtop replay of ${what}: first screen in ${(replayed.openMs / 1000).toFixed(2)} s, a step of the cursor drawn in ${replayed.stepMs.toFixed(0)} ms at most, peak RSS ${(replayed.peak / MiB).toFixed(0)} MiB (goal: under 2 s and 200 MB)`);
} finally {
	fs.rmSync(dir, { recursive: true, force: true });
}
