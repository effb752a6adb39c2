// Issue 2's performance goals, measured side by side in one run (figures, never pass/fail):
//  1. overhead on the target of the dashboard's probe: workload throughput with memtop attached (default interval,
//     --no-sampling: the allocation sampler is issue 4's, measured by bench/profile.ts) vs alone, interleaved
//     phases of one process, beside a control run that shows the machine's own noise;
//  2. memtop's own cost while watching for 60 s, as users run it (sampling on): CPU % of one core and peak RSS,
//     on the live screen and headless.
import { spawn, execFileSync, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { cli, CYCLES, reportOverhead, sleep, startCluster, startWorkload, stop } from './overhead.js';

const WATCH_S = Number(process.env.WATCH_S ?? 60);

function cpuTicks(pid: number): number {
	const fields = fs.readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
	return Number(fields[11]) + Number(fields[12]); // utime + stime, in clock ticks
}
const peakRss = (pid: number) => Number(/VmHWM:\s+(\d+) kB/.exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'))![1]) * 1024;
const CLK_TCK = Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }));

interface Watch {
	readonly size?: { columns: number; rows: number };
	/** What to watch and how, after the command: the workload's port by default. */
	readonly args?: (port: number) => string[];
	/** Seconds before measuring (startup, a window filling), then seconds measured. */
	readonly leadS?: number;
	readonly measureS?: number;
	/** The target to watch: the workload by default (a cluster for a fleet). */
	readonly start?: () => Promise<{ child: ChildProcess; port: number }>;
}

/** memtop's CPU % of one core and peak RSS while watching the workload (WATCH_S seconds unless told). */
async function ownCost(mode: 'tui' | 'headless', watch: Watch = {}): Promise<{ cpu: number; rss: number }> {
	const { size = { columns: 160, rows: 48 }, args = (port) => ['--inspect', String(port)], leadS = 3, measureS = WATCH_S, start = startWorkload } = watch;
	const target = await start();
	// memtop runs in a folder of its own: what an alert captures (to the current directory) never lands in the checkout.
	const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'memtop-bench-'));
	let pid: number;
	let cleanup: () => Promise<void>;
	if (mode === 'tui') {
		const name = `memtop-bench-${process.pid}`;
		execFileSync('tmux', ['new-session', '-d', '-s', name, '-c', dir, '-x', String(size.columns), '-y', String(size.rows), `exec node ${cli} ${args(target.port).join(' ')}`]);
		await sleep(500);
		pid = Number(execFileSync('tmux', ['list-panes', '-t', name, '-F', '#{pane_pid}'], { encoding: 'utf8' }).trim());
		cleanup = async () => void execFileSync('tmux', ['kill-session', '-t', name]);
	} else {
		const child = spawn(process.execPath, [cli, ...args(target.port), '--json'], { stdio: ['ignore', 'ignore', 'inherit'], cwd: dir });
		pid = child.pid!;
		cleanup = () => stop(child);
	}
	await sleep(leadS * 1000); // startup (module loading, connecting) is not the steady cost being measured
	const t0 = Date.now();
	const c0 = cpuTicks(pid);
	await sleep(measureS * 1000);
	const cpu = ((cpuTicks(pid) - c0) / CLK_TCK / ((Date.now() - t0) / 1000)) * 100;
	const rss = peakRss(pid);
	await cleanup();
	await stop(target.child);
	fs.rmSync(dir, { recursive: true, force: true });
	return { cpu, rss };
}

if (CYCLES > 0) {
	await reportOverhead("memtop's probe attached at 1 s vs alone, same process", (port) => ['--inspect', String(port), '--json', '--no-sampling'], '<= 1%');
}
// The screen's cost grows with its cells: a large and a default terminal.
const costRuns = [
	{ mode: 'tui', size: { columns: 160, rows: 48 } },
	{ mode: 'tui', size: { columns: 80, rows: 24 } },
	{ mode: 'headless', size: undefined },
] as const;
for (const { mode, size } of WATCH_S > 0 ? costRuns : []) {
	const { cpu, rss } = await ownCost(mode, { size });
	const label = size ? `${mode} ${size.columns}x${size.rows}` : mode;
	console.log(`memtop own cost, ${label}, ${WATCH_S} s watching the workload: CPU ${cpu.toFixed(2)}% of one core (goal <= 2%), peak RSS ${(rss / 1024 / 1024).toFixed(1)} MiB (goal <= 120 MiB)`);
}

// Issue 19: the screen's cost must not grow with its window. At --interval 100 each window is watched for
// WINDOW_S seconds and measured over the last 60: a 30 s window is full, and the 5 min and 1 h windows hold
// every reading since the start (a 1 h window takes an hour to fill; bench/window-cost.ts measures full ones).
const WINDOW_S = Number(process.env.WINDOW_S ?? 150);
if (WINDOW_S > 0) {
	const measureS = Math.min(60, WINDOW_S / 2);
	const cpuAt: Record<string, number> = {};
	const clusterOf16 = async () => {
		const { child, base } = await startCluster(16);
		return { child, port: base };
	};
	const runs = [
		{ label: '30 s', window: '30s', targets: 1 },
		{ label: '5 min', window: '5m', targets: 1 },
		{ label: '1 h', window: '1h', targets: 1 },
		{ label: '30 s', window: '30s', targets: 16 },
		{ label: '1 h', window: '1h', targets: 16 },
	];
	for (const run of runs) {
		const args = run.targets === 1 ? (port: number) => ['--inspect', String(port)] : (base: number) => ['--inspect', `${base}-${base + 16}`];
		const { cpu, rss } = await ownCost('tui', { args: (port) => [...args(port), '--interval', '100', '--window', run.window], leadS: WINDOW_S - measureS, measureS, start: run.targets === 1 ? startWorkload : clusterOf16 });
		const key = `${run.targets} ${run.label}`;
		cpuAt[key] = cpu;
		const base = cpuAt[`${run.targets} 30 s`];
		const screen = run.targets === 1 ? 'dashboard' : `process list of ${run.targets} targets`;
		console.log(`memtop ${screen} 160x48, --interval 100, --window ${run.label.padEnd(5)}: CPU ${cpu.toFixed(2)}% of one core over the last ${measureS} s of ${WINDOW_S} s (${(cpu / base).toFixed(2)}x the 30 s window's; goal 1 h <= 1.2x), peak RSS ${(rss / 1024 / 1024).toFixed(1)} MiB`);
	}
}
