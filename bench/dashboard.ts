// Issue 2's performance goals, measured side by side in one run (figures, never pass/fail):
//  1. overhead on the target: workload throughput with memtop attached (default interval) vs alone, interleaved
//     phases of one process, beside a control run that shows the machine's own noise;
//  2. memtop's own cost while watching for 60 s: CPU % of one core and peak RSS, on the live screen and headless.
import { spawn, execFileSync, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const cli = path.join(here, '..', 'dist', 'cli.js');
const workload = path.join(here, 'workload.cjs');
const CYCLES = Number(process.env.CYCLES ?? 20);
const PHASE_S = Number(process.env.PHASE_S ?? 4);
const SETTLE_S = 1; // after memtop starts or stops: its connect and detach are not the steady cost
const WATCH_S = Number(process.env.WATCH_S ?? 60);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
// With two or more cores the target runs on core 0 and memtop (or the control) on core 1: what is measured is
// the cost memtop puts inside the target, not the two processes taking turns on one core. PIN=0 turns it off.
const PIN = process.env.PIN !== '0' && os.availableParallelism() >= 2 && hasTaskset();
const pinned = (core: number, command: string, args: string[]): [string, string[]] => (PIN ? ['taskset', ['-c', String(core), command, ...args]] : [command, args]);
function hasTaskset(): boolean {
	try {
		execFileSync('taskset', ['-p', String(process.pid)], { stdio: 'ignore' });
		return true;
	} catch {
		return false;
	}
}

interface Target { child: ChildProcess; port: number; ops: { t: number; n: number }[] }

async function startWorkload(): Promise<Target> {
	const child = spawn(...pinned(0, process.execPath, ['--inspect=127.0.0.1:0', workload]), { stdio: ['ignore', 'pipe', 'pipe'] });
	const ops: { t: number; n: number }[] = [];
	child.stdout!.setEncoding('utf8').on('data', (d: string) => {
		for (const m of d.matchAll(/ops (\d+) (\d+)/g)) ops.push({ n: Number(m[1]), t: Number(m[2]) });
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
const median = (xs: number[]) => {
	const s = [...xs].sort((a, b) => a - b);
	return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};

/** Batches per second the target reported over [from, to] (quarter-second reports ending in that span). */
function rate(target: Target, from: number, to: number): number {
	const inside = target.ops.filter((o) => o.t > from && o.t <= to);
	return inside.reduce((a, o) => a + o.n, 0) / (inside.length * 0.25);
}

/**
 * One long-lived target; memtop attaches for a phase, detaches for the next, and so on. Comparing phases of
 * the same process removes what differs between processes (JIT decisions, heap layout), which on these shared
 * machines swung whole runs by +-15%. Each attached phase is compared with the mean of the alone phases either
 * side of it, so slow drift cancels too.
 */
async function overhead(control: boolean): Promise<{ ratios: number[]; alone: number[]; attached: number[] }> {
	const target = await startWorkload();
	await sleep(5000); // warm-up: the JIT settles
	const phases: { attached: boolean; value: number }[] = [];
	for (let i = 0; i <= 2 * CYCLES; i++) {
		const attached = i % 2 === 1;
		// The control starts and stops an idle node process instead of memtop: what the noise alone gives.
		const memtop = attached ? spawn(...pinned(1, process.execPath, control ? ['-e', 'setInterval(() => {}, 1000)'] : [cli, '--inspect', String(target.port), '--json']), { stdio: ['ignore', 'ignore', 'inherit'] }) : undefined;
		const from = Date.now() + SETTLE_S * 1000;
		await sleep(PHASE_S * 1000);
		const to = Date.now();
		if (memtop) await stop(memtop);
		await sleep(300); // the last quarter-second report of the phase
		phases.push({ attached, value: rate(target, from, to) });
		if (memtop) await sleep(SETTLE_S * 1000 - 300); // detached and quiet before the next alone phase counts
	}
	await stop(target.child);
	const ratios: number[] = [];
	for (let i = 1; i < phases.length; i += 2) ratios.push(phases[i].value / ((phases[i - 1].value + phases[i + 1].value) / 2));
	return { ratios, alone: phases.filter((p) => !p.attached).map((p) => p.value), attached: phases.filter((p) => p.attached).map((p) => p.value) };
}

function cpuTicks(pid: number): number {
	const fields = fs.readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
	return Number(fields[11]) + Number(fields[12]); // utime + stime, in clock ticks
}
const peakRss = (pid: number) => Number(/VmHWM:\s+(\d+) kB/.exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'))![1]) * 1024;
const CLK_TCK = Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }));

/** memtop's CPU % of one core and peak RSS while watching the workload for WATCH_S seconds. */
async function ownCost(mode: 'tui' | 'headless', size = { columns: 160, rows: 48 }): Promise<{ cpu: number; rss: number }> {
	const target = await startWorkload();
	let pid: number;
	let cleanup: () => Promise<void>;
	if (mode === 'tui') {
		const name = `memtop-bench-${process.pid}`;
		execFileSync('tmux', ['new-session', '-d', '-s', name, '-x', String(size.columns), '-y', String(size.rows), `exec node ${cli} --inspect ${target.port}`]);
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

const quartiles = (xs: number[]) => {
	const s = [...xs].sort((a, b) => a - b);
	return `${s[Math.floor(s.length / 4)].toFixed(3)}..${s[Math.floor((3 * s.length) / 4)].toFixed(3)}`;
};
if (CYCLES > 0) {
	const measured = await overhead(false);
	const control = await overhead(true);
	const ratio = median(measured.ratios);
	console.log(`target throughput alone:    median ${median(measured.alone).toFixed(1)} batches/s over ${measured.alone.length} phases`);
	console.log(`target throughput attached: median ${median(measured.attached).toFixed(1)} batches/s over ${measured.attached.length} phases`);
	console.log(`per-cycle ratio attached/alone: median ${ratio.toFixed(4)}, middle half ${quartiles(measured.ratios)}`);
	console.log(`noise floor (an idle process in memtop's place): median ${median(control.ratios).toFixed(4)}, middle half ${quartiles(control.ratios)}`);
	console.log(`overhead on target (memtop attached at 1 s vs alone, same process, ${CYCLES} cycles of ${PHASE_S} s phases${PIN ? ', target and memtop pinned to separate cores' : ''}): ${((1 - ratio) * 100).toFixed(2)}% slower (median ratio ${ratio.toFixed(4)}; goal <= 1%)`);
}
// The screen's cost grows with its cells (Ink re-tokenizes every cell each frame): a large and a default terminal.
const costRuns = [
	{ mode: 'tui', size: { columns: 160, rows: 48 } },
	{ mode: 'tui', size: { columns: 80, rows: 24 } },
	{ mode: 'headless', size: undefined },
] as const;
for (const { mode, size } of WATCH_S > 0 ? costRuns : []) {
	const { cpu, rss } = await ownCost(mode, size);
	const label = size ? `${mode} ${size.columns}x${size.rows}` : mode;
	console.log(`memtop own cost, ${label}, ${WATCH_S} s watching the workload: CPU ${cpu.toFixed(2)}% of one core (goal <= 2%), peak RSS ${(rss / 1024 / 1024).toFixed(1)} MB (goal <= 120 MB)`);
}
