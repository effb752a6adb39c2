// Issue 6's goal, measured (figures, never pass/fail): memtop watching 1, 4 and 16 targets at the default
// interval, sampling on, as a user runs it: CPU % of one core and peak RSS, on the process list (160x48) and
// headless; and whether the screen stays as responsive: key-press-to-screen latency on the list, median of 15.
// The targets are one cluster (a primary and N-1 workers on consecutive inspector ports), watched as a range.
import { spawn, execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import { cli, median, sleep, startCluster, stop } from './overhead.js';

const WATCH_S = Number(process.env.WATCH_S ?? 45);
const SIZES = (process.env.TARGETS ?? '1,4,16').split(',').map(Number);
const CLK_TCK = Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }));
const cpuTicks = (pid: number) => {
	const fields = fs.readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
	return Number(fields[11]) + Number(fields[12]);
};
const peakRss = (pid: number) => Number(/VmHWM:\s+(\d+) kB/.exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'))![1]) * 1024;
const tmux = (...args: string[]) => execFileSync('tmux', args, { encoding: 'utf8' });

/** Milliseconds from pressing ? to the help screen being drawn, median of 15 presses. */
async function keyLatency(session: string): Promise<number> {
	const times: number[] = [];
	for (let i = 0; i < 15; i++) {
		const t0 = performance.now();
		tmux('send-keys', '-t', session, '?');
		while (!tmux('capture-pane', '-p', '-t', session).includes('memtop keys')) await sleep(5);
		times.push(performance.now() - t0);
		tmux('send-keys', '-t', session, 'x');
		while (tmux('capture-pane', '-p', '-t', session).includes('memtop keys')) await sleep(5);
		await sleep(300);
	}
	return median(times);
}

async function measure(count: number, mode: 'tui' | 'headless') {
	const cluster = await startCluster(count);
	// One more port than targets: a range, as a cluster is watched (a single port would open the dashboard).
	const args = ['--inspect', `${cluster.base}-${cluster.base + count}`];
	let pid: number;
	let end: () => Promise<void>;
	const session = `memtop-fleet-bench-${process.pid}`;
	if (mode === 'tui') {
		// In the temp directory: what an alert captures (to the current directory) never lands in the checkout.
		tmux('new-session', '-d', '-s', session, '-c', os.tmpdir(), '-x', '160', '-y', '48', `exec node ${cli} ${args.join(' ')}`);
		await sleep(500);
		pid = Number(tmux('list-panes', '-t', session, '-F', '#{pane_pid}').trim());
		end = async () => void tmux('kill-session', '-t', session);
	} else {
		const child = spawn(process.execPath, [cli, ...args, '--json'], { stdio: ['ignore', 'ignore', 'inherit'], cwd: os.tmpdir() });
		pid = child.pid!;
		end = () => stop(child);
	}
	await sleep(5000); // startup and every target attached: not the steady cost
	const t0 = Date.now();
	const c0 = cpuTicks(pid);
	await sleep(WATCH_S * 1000);
	const cpu = ((cpuTicks(pid) - c0) / CLK_TCK / ((Date.now() - t0) / 1000)) * 100;
	const latency = mode === 'tui' ? await keyLatency(session) : undefined;
	const attached = mode === 'tui' ? /targets (\d+) live/.exec(tmux('capture-pane', '-p', '-t', session))?.[1] : undefined;
	const rss = peakRss(pid);
	await end();
	await stop(cluster.child);
	return { cpu, rss, latency, attached };
}

for (const mode of ['tui', 'headless'] as const) {
	const baseline: { latency?: number } = {};
	for (const count of SIZES) {
		const { cpu, rss, latency, attached } = await measure(count, mode);
		if (count === SIZES[0]) baseline.latency = latency;
		const seen = attached === undefined ? '' : ` (${attached} live on the list)`;
		const keys = latency === undefined ? '' : `; key to screen ${latency.toFixed(0)} ms median (${(latency / baseline.latency!).toFixed(2)}x the ${SIZES[0]}-target figure)`;
		console.log(`memtop watching ${count} target${count > 1 ? 's' : ''}${seen}, ${mode === 'tui' ? 'process list 160x48' : 'headless'}, ${WATCH_S} s at 1 s: CPU ${cpu.toFixed(2)}% of one core (goal < 10% at 16), peak RSS ${(rss / 1024 / 1024).toFixed(1)} MiB (goal < 200 MiB)${keys}`);
	}
}
