// The target-overhead measurement both benchmarks use: one long-lived CPU-and-allocation-bound workload,
// memtop (some command of it) attached for a phase and detached for the next, each attached phase compared with
// the alone phases either side, beside a control run with an idle process in memtop's place (the noise floor).
import { spawn, execFileSync, type ChildProcess } from 'node:child_process';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { freePortRun } from '../test/helpers/ports.js';

export const here = path.dirname(fileURLToPath(import.meta.url));
export const cli = path.join(here, '..', 'dist', 'cli.js');
const workload = path.join(here, 'workload.cjs');
export const CYCLES = Number(process.env.CYCLES ?? 20);
export const PHASE_S = Number(process.env.PHASE_S ?? 4);
const SETTLE_S = 1; // after memtop starts or stops: its connect and detach are not the steady cost
export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
// With two or more cores the target runs on core 0 and memtop (or the control) on core 1: what is measured is
// the cost memtop puts inside the target, not the two processes taking turns on one core. PIN=0 turns it off.
export const PIN = process.env.PIN !== '0' && os.availableParallelism() >= 2 && hasTaskset();
export const pinned = (core: number, command: string, args: string[]): [string, string[]] => (PIN ? ['taskset', ['-c', String(core), command, ...args]] : [command, args]);
function hasTaskset(): boolean {
	try {
		execFileSync('taskset', ['-p', String(process.pid)], { stdio: 'ignore' });
		return true;
	} catch {
		return false;
	}
}

export interface Target { child: ChildProcess; port: number; ops: { t: number; n: number; cpuUs: number }[] }

export async function startWorkload(): Promise<Target> {
	const child = spawn(...pinned(0, process.execPath, ['--inspect=127.0.0.1:0', workload]), { stdio: ['ignore', 'pipe', 'pipe'] });
	const ops: Target['ops'] = [];
	child.stdout!.setEncoding('utf8').on('data', (d: string) => {
		for (const m of d.matchAll(/ops (\d+) (\d+) (\d+)/g)) ops.push({ n: Number(m[1]), t: Number(m[2]), cpuUs: Number(m[3]) });
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

/** A cluster of `count` processes (a primary and count-1 workers) on consecutive inspector ports from base. */
export async function startCluster(count: number): Promise<{ child: ChildProcess; base: number }> {
	const base = await freePortRun(count + 1);
	const child = spawn(process.execPath, [`--inspect=127.0.0.1:${base}`, path.join(here, 'fleet-target.cjs'), String(count - 1)], { stdio: ['ignore', 'pipe', 'ignore'] });
	await new Promise<void>((resolve) => child.stdout!.setEncoding('utf8').on('data', (d: string) => d.includes('ready') && resolve()));
	return { child, base };
}

export const stop = async (child: ChildProcess) => {
	if (child.exitCode !== null || child.signalCode !== null) return;
	const exited = new Promise((r) => child.once('exit', r));
	child.kill('SIGTERM');
	await exited;
};
export const median = (xs: number[]) => {
	const s = [...xs].sort((a, b) => a - b);
	return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};

/** Batches per second and CPU µs per batch the target reported over [from, to] (quarter-second reports ending in that span). */
function rate(target: Target, from: number, to: number): { perSecond: number; cpuPerBatch: number } {
	const inside = target.ops.filter((o) => o.t > from && o.t <= to);
	const batches = inside.reduce((a, o) => a + o.n, 0);
	return { perSecond: batches / (inside.length * 0.25), cpuPerBatch: inside.reduce((a, o) => a + o.cpuUs, 0) / batches };
}

export interface Overhead {
	/** Per cycle: attached throughput over the mean of the alone phases either side (below 1: slower). */
	ratios: number[];
	/** Per cycle: the same for CPU per batch (above 1: each batch cost the target more CPU). */
	cpuRatios: number[];
	alone: number[];
	attached: number[];
}

/**
 * One long-lived target; memtop attaches for a phase, detaches for the next, and so on. Comparing phases of
 * the same process removes what differs between processes (JIT decisions, heap layout), which on these shared
 * machines swung whole runs by +-15%. Each attached phase is compared with the mean of the alone phases either
 * side of it, so slow drift cancels too.
 */
export async function overhead(attachArgs: (port: number) => string[], control: boolean): Promise<Overhead> {
	const target = await startWorkload();
	await sleep(5000); // warm-up: the JIT settles
	const phases: { attached: boolean; value: number; cpuPerBatch: number }[] = [];
	for (let i = 0; i <= 2 * CYCLES; i++) {
		const attached = i % 2 === 1;
		// The control starts and stops an idle node process instead of memtop: what the noise alone gives.
		const memtop = attached ? spawn(...pinned(1, process.execPath, control ? ['-e', 'setInterval(() => {}, 1000)'] : [cli, ...attachArgs(target.port)]), { stdio: ['ignore', 'ignore', 'inherit'] }) : undefined;
		const from = Date.now() + SETTLE_S * 1000;
		await sleep(PHASE_S * 1000);
		const to = Date.now();
		if (memtop) await stop(memtop);
		await sleep(300); // the last quarter-second report of the phase
		const { perSecond, cpuPerBatch } = rate(target, from, to);
		phases.push({ attached, value: perSecond, cpuPerBatch });
		if (memtop) await sleep(SETTLE_S * 1000 - 300); // detached and quiet before the next alone phase counts
	}
	await stop(target.child);
	const ratios: number[] = [];
	const cpuRatios: number[] = [];
	for (let i = 1; i < phases.length; i += 2) {
		ratios.push(phases[i].value / ((phases[i - 1].value + phases[i + 1].value) / 2));
		cpuRatios.push(phases[i].cpuPerBatch / ((phases[i - 1].cpuPerBatch + phases[i + 1].cpuPerBatch) / 2));
	}
	return { ratios, cpuRatios, alone: phases.filter((p) => !p.attached).map((p) => p.value), attached: phases.filter((p) => p.attached).map((p) => p.value) };
}

export const quartiles = (xs: number[]): string => {
	const s = [...xs].sort((a, b) => a - b);
	return `${s[Math.floor(s.length / 4)].toFixed(3)}..${s[Math.floor((3 * s.length) / 4)].toFixed(3)}`;
};

/** Measure attached vs alone and the control, and print the figures under a label. */
export async function reportOverhead(label: string, attachArgs: (port: number) => string[], goal: string): Promise<void> {
	const measured = await overhead(attachArgs, false);
	const control = await overhead(attachArgs, true);
	const ratio = median(measured.ratios);
	const cpu = median(measured.cpuRatios);
	const percent = (x: number) => `${x >= 0 ? '+' : ''}${(x * 100).toFixed(2)}%`;
	console.log(`${label}: target throughput alone median ${median(measured.alone).toFixed(1)}, attached median ${median(measured.attached).toFixed(1)} batches/s`);
	console.log(`${label}: per-cycle throughput ratio attached/alone median ${ratio.toFixed(4)}, middle half ${quartiles(measured.ratios)}; noise floor (idle process instead) median ${median(control.ratios).toFixed(4)}, middle half ${quartiles(control.ratios)}`);
	// CPU per batch counts what the target itself spent (every thread), not the time it waited for its core.
	console.log(`${label}: per-cycle CPU-per-batch ratio attached/alone median ${cpu.toFixed(4)}, middle half ${quartiles(measured.cpuRatios)}; noise floor median ${median(control.cpuRatios).toFixed(4)}, middle half ${quartiles(control.cpuRatios)}`);
	console.log(`overhead on target, ${label} (${CYCLES} cycles of ${PHASE_S} s phases${PIN ? ', target and memtop on separate cores' : ''}): ${((1 - ratio) * 100).toFixed(2)}% slower (median ratio ${ratio.toFixed(4)}; goal ${goal}); CPU per batch ${percent(cpu - 1)} (noise floor ${percent(median(control.cpuRatios) - 1)})`);
}
