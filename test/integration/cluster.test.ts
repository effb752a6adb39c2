// Several targets at once against a real cluster of 3 workers: a port range finds the primary and every
// worker, a worker that dies leaves and its replacement joins; spawn mode follows the workers too; the process
// list on a real terminal opens a worker's dashboard and comes back.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { setTimeout as sleep } from 'node:timers/promises';
import { runCli, cliPath } from '../helpers/cli.js';
import { fixture, startTarget, type LiveTarget, targetNode } from '../helpers/target.js';
import { freePortRun } from '../helpers/ports.js';
import { Terminal } from '../helpers/tmux.js';
import { needs } from '../helpers/tools.js';

/** The cluster fixture with its inspectors on base, base+1 ... (Node gives each worker the next port). */
async function startCluster(base: number): Promise<{ primary: LiveTarget; workers: () => number[] }> {
	const primary = await startTarget('cluster.cjs', ['3'], base);
	await primary.waitFor(/^ready/);
	const workers = () => {
		const pids = primary.stdout.filter((l) => l.startsWith('worker ')).map((l) => Number(l.split(' ')[1]));
		const dead = primary.stdout.filter((l) => l.startsWith('exit ')).map((l) => Number(l.split(' ')[1]));
		return pids.filter((pid) => !dead.includes(pid));
	};
	return { primary, workers };
}

const sorted = (pids: number[]) => [...pids].sort((a, b) => a - b);

test('--inspect with a port range watches the primary and every worker; a dead worker leaves, its replacement joins', async () => {
	const base = await freePortRun(8);
	const { primary, workers } = await startCluster(base);
	const run = runCli(['--inspect', `${base}-${base + 7}`, '--json', '--interval', '300', '--no-sampling']);
	try {
		const targetPids = () => run.lines().filter((l) => l.type === 'target').map((l) => l.pid as number);
		const expected = sorted([primary.child.pid!, ...workers()]);
		for (let i = 0; i < 100 && sorted(targetPids()).join() !== expected.join(); i++) await sleep(100);
		assert.deepEqual(sorted(targetPids()), expected, 'one target per process of the cluster, each once');
		// Every record says whose it is; each worker's samples carry its own heap (20,000 objects kept).
		const urlOf = new Map(run.lines().filter((l) => l.type === 'target').map((l) => [l.pid as number, l.target as string]));
		for (const pid of workers()) {
			const sample = await run.waitForLine((l) => l.type === 'sample' && l.target === urlOf.get(pid) && typeof l.heapUsed === 'number');
			assert.ok((sample.heapUsed as number) > 2 * 1024 * 1024, `worker ${pid} heap ${sample.heapUsed}`);
		}
		const victim = workers()[0];
		process.kill(victim, 'SIGKILL');
		await primary.waitFor(new RegExp(`^exit ${victim}`));
		await primary.waitFor(/^worker /); // the replacement...
		for (let i = 0; i < 100 && workers().length < 3; i++) await sleep(100);
		const replacement = workers().find((pid) => !expected.includes(pid))!;
		assert.ok(replacement, 'the primary forked a replacement');
		await run.waitForLine((l) => l.type === 'target' && l.pid === replacement);
	} finally {
		run.child.kill('SIGINT');
		const { code, stdout } = await run.done;
		await primary.kill();
		assert.equal(code, 0);
		const lines = stdout.trim().split('\n').map((l) => JSON.parse(l));
		assert.equal(lines.at(-1).type, 'end');
		assert.equal(lines.at(-1).reason, 'signal');
		assert.ok(lines.filter((l) => l.type === 'summary').length >= 5, 'a summary per target, the dead worker\'s too');
	}
});

test('spawn mode follows the workers a command forks, each announced on its stderr', async () => {
	const run = runCli(['--json', '--interval', '300', '--no-sampling', '--', targetNode, fixture('cluster.cjs'), '3']);
	const targets = () => run.lines().filter((l) => l.type === 'target');
	// A worker's inspector takes the primary's port + n, which another process may hold (tests run side by side):
	// memtop then reports that worker as unwatched, naming the port, which is the other right answer.
	const taken = () => run.lines().filter((l) => l.type === 'unwatched' && /address already in use/.test(String(l.reason)));
	for (let i = 0; i < 300 && targets().length + taken().length < 4; i++) await sleep(100);
	run.child.kill('SIGINT');
	const { code, stderr } = await run.done;
	assert.equal(code, 0, stderr);
	const told = run.lines().filter((l) => l.type !== 'sample' && l.type !== 'gc');
	assert.equal(targets().length + taken().length, 4, `the primary and 3 workers, each watched or said unwatched: ${JSON.stringify(told)}\n${stderr}`);
	assert.ok(targets().length >= 2, 'the primary and at least one worker are watched');
	assert.equal(new Set(targets().map((t) => t.pid)).size, targets().length);
	assert.equal(run.lines().at(-1)!.reason, 'signal', 'the spawned command was stopped when memtop was, its workers with it');
});

test('the process list on a real terminal: a row per process, Enter opens a worker\'s dashboard, Esc comes back', needs('tmux'), async () => {
	const base = await freePortRun(4);
	const { primary, workers } = await startCluster(base);
	const term = Terminal.start(`node ${cliPath} --inspect ${base}-${base + 3} --interval 300`, 140, 24);
	try {
		// Four members are counted as soon as their ports are found, before each is attached and has a pid: wait
		// for every pid (CI once read the list while three rows were still attaching).
		const pids = [primary.child.pid!, ...workers()];
		assert.equal(pids.length, 4, `the cluster's primary and three workers: ${pids}`);
		let screen = await term.waitFor(new RegExp(`${pids.map((pid) => `(?=[\\s\\S]*\\b${pid}\\b)`).join('')}targets 4 live`));
		for (const pid of pids) assert.match(screen, new RegExp(`\\b${pid}\\b`));
		// Rows are in port order: the primary first, then the worker on the next port.
		const rows = screen.split('\n').filter((l) => /^\S?\s+\d+ :\d+/.test(l.replace('▶', ' ')));
		assert.equal(rows.length, 4, screen);
		const second = Number(/(\d+) :\d+/.exec(rows[1])![1]);
		term.keys('Down', 'Enter');
		screen = await term.waitFor(new RegExp(`pid ${second}\\b.*● live`));
		assert.match(screen, /Memory/);
		term.keys('Escape');
		await term.waitFor(/targets 4 live/);
		term.keys('q');
		await term.waitFor(/EXITED 0/);
	} finally {
		term.close();
		await primary.kill();
	}
});
