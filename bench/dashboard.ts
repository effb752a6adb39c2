// Issue 2's performance goals, measured side by side in one run (figures, never pass/fail):
//  1. overhead on the target: workload throughput with memtop attached (default interval) vs alone, interleaved;
//  2. memtop's own cost while watching for 60 s: CPU % of one core and peak RSS, on the live screen and headless.
import { spawn, execFileSync, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const cli = path.join(here, '..', 'dist', 'cli.js');
const workload = path.join(here, 'workload.cjs');
const PAIRS = Number(process.env.PAIRS ?? 5);
const RUN_S = Number(process.env.RUN_S ?? 8);
const WATCH_S = Number(process.env.WATCH_S ?? 60);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

interface Target { child: ChildProcess; port: number; ops: number[] }

async function startWorkload(): Promise<Target> {
	const child = spawn(process.execPath, ['--inspect=127.0.0.1:0', workload], { stdio: ['ignore', 'pipe', 'pipe'] });
	const ops: number[] = [];
	child.stdout!.setEncoding('utf8').on('data', (d: string) => {
		for (const m of d.matchAll(/ops (\d+)/g)) ops.push(Number(m[1]));
	});
	const port = await new Promise<number>((resolve) => {
		let err = '';
		child.stderr!.setEncoding('utf8').on('data', (d: string) => {
			err += d;
			const m = /ws:\/\/127\.0\.0\.1:(\d+)\//.exec(err);
			if (m) resolve(Number(m[1]));
		});
	});
	return { child, port, ops };
}

const stop = async (child: ChildProcess) => {
	if (child.exitCode !== null || child.signalCode !== null) return;
	const exited = new Promise((r) => child.once('exit', r));
	child.kill('SIGTERM');
	await exited;
};
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

/** Throughput (ops/s) of one workload run, the first 2 s discarded as warm-up. */
async function throughput(attached: boolean): Promise<number> {
	const target = await startWorkload();
	const memtop = attached ? spawn(process.execPath, [cli, '--inspect', String(target.port), '--json'], { stdio: ['ignore', 'ignore', 'inherit'] }) : undefined;
	await sleep((RUN_S + 2) * 1000 + 300);
	if (memtop) await stop(memtop);
	await stop(target.child);
	const measured = target.ops.slice(2, 2 + RUN_S);
	return measured.reduce((a, b) => a + b, 0) / measured.length;
}

function cpuTicks(pid: number): number {
	const fields = fs.readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
	return Number(fields[11]) + Number(fields[12]); // utime + stime, in clock ticks
}
const peakRss = (pid: number) => Number(/VmHWM:\s+(\d+) kB/.exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'))![1]) * 1024;
const CLK_TCK = Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }));

/** memtop's CPU % of one core and peak RSS while watching the workload for WATCH_S seconds. */
async function ownCost(mode: 'tui' | 'headless'): Promise<{ cpu: number; rss: number }> {
	const target = await startWorkload();
	let pid: number;
	let cleanup: () => Promise<void>;
	if (mode === 'tui') {
		const name = `memtop-bench-${process.pid}`;
		execFileSync('tmux', ['new-session', '-d', '-s', name, '-x', '160', '-y', '48', `exec node ${cli} --inspect ${target.port}`]);
		await sleep(500);
		pid = Number(execFileSync('tmux', ['list-panes', '-t', name, '-F', '#{pane_pid}'], { encoding: 'utf8' }).trim());
		cleanup = async () => void execFileSync('tmux', ['kill-session', '-t', name]);
	} else {
		const child = spawn(process.execPath, [cli, '--inspect', String(target.port), '--json'], { stdio: ['ignore', 'ignore', 'inherit'] });
		pid = child.pid!;
		cleanup = () => stop(child);
	}
	await sleep(3000); // startup (module loading, connecting) is not the steady cost being measured
	const t0 = Date.now();
	const c0 = cpuTicks(pid);
	await sleep(WATCH_S * 1000);
	const cpu = ((cpuTicks(pid) - c0) / CLK_TCK / ((Date.now() - t0) / 1000)) * 100;
	const rss = peakRss(pid);
	await cleanup();
	await stop(target.child);
	return { cpu, rss };
}

const alone: number[] = [];
const attached: number[] = [];
for (let i = 0; i < PAIRS; i++) {
	// Interleave, alternating which goes first, so drift on a shared machine hits both sides alike.
	if (i % 2 === 0) {
		alone.push(await throughput(false));
		attached.push(await throughput(true));
	} else {
		attached.push(await throughput(true));
		alone.push(await throughput(false));
	}
}
if (PAIRS > 0) {
const ratio = median(attached) / median(alone);
console.log(`target throughput alone:    median ${median(alone).toFixed(1)} ops/s  runs ${alone.map((x) => x.toFixed(0)).join(' ')}`);
console.log(`target throughput attached: median ${median(attached).toFixed(1)} ops/s  runs ${attached.map((x) => x.toFixed(0)).join(' ')}`);
console.log(`overhead on target (memtop attached at 1 s vs alone, ${PAIRS} interleaved pairs of ${RUN_S} s): ${((1 - ratio) * 100).toFixed(2)}% slower (ratio ${ratio.toFixed(4)}; goal <= 1%)`);
}
for (const mode of ['tui', 'headless'] as const) {
	const { cpu, rss } = await ownCost(mode);
	console.log(`memtop own cost, ${mode}, ${WATCH_S} s watching the workload: CPU ${cpu.toFixed(2)}% of one core (goal <= 2%), peak RSS ${(rss / 1024 / 1024).toFixed(1)} MB (goal <= 120 MB)`);
}
