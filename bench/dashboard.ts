// Issue 2's performance goals, measured side by side in one run (figures, never pass/fail):
//  1. overhead on the target of the dashboard's probe: workload throughput with memtop attached (default interval,
//     --no-sampling: the allocation sampler is issue 4's, measured by bench/profile.ts) vs alone, interleaved
//     phases of one process, beside a control run that shows the machine's own noise;
//  2. memtop's own cost while watching for 60 s, as users run it (sampling on): CPU % of one core and peak RSS,
//     on the live screen and headless.
import { spawn, execFileSync } from 'node:child_process';
import fs from 'node:fs';
import { cli, CYCLES, reportOverhead, sleep, startWorkload, stop } from './overhead.js';

const WATCH_S = Number(process.env.WATCH_S ?? 60);

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
	const { cpu, rss } = await ownCost(mode, size);
	const label = size ? `${mode} ${size.columns}x${size.rows}` : mode;
	console.log(`memtop own cost, ${label}, ${WATCH_S} s watching the workload: CPU ${cpu.toFixed(2)}% of one core (goal <= 2%), peak RSS ${(rss / 1024 / 1024).toFixed(1)} MB (goal <= 120 MB)`);
}
