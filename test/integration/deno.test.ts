// Deno over the same protocol: memtop tells the runtime, reads Deno.memoryUsage() (checked against Deno's own
// report), shows no figure Deno does not give (no GC events, handles, loop delay or array buffers), and heap
// snapshots work on it. Deno comes from the npm registry's "deno" package (a devDependency).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { setTimeout as sleep } from 'node:timers/promises';
import { fixture } from '../helpers/target.js';
import { runCli } from '../helpers/cli.js';
import { announced, NODE_ANNOUNCEMENT } from '../helpers/announced.js';

const deno = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', '..', 'node_modules', '.bin', 'deno');

async function startDeno(): Promise<{ child: ChildProcess; port: number; waitFor(re: RegExp): Promise<string> }> {
	const child = spawn(deno, ['run', '--inspect=127.0.0.1:0', fixture('deno-target.ts')], { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, NO_COLOR: '1' } });
	let out = '';
	child.stdout!.setEncoding('utf8').on('data', (d: string) => (out += d));
	const port = Number((await announced(child, NODE_ANNOUNCEMENT, 'deno'))[1]);
	const waitFor = async (re: RegExp) => {
		for (let i = 0; i < 200; i++) {
			const line = out.split('\n').find((l) => re.test(l));
			if (line) return line;
			await sleep(50);
		}
		throw new Error(`deno never printed ${re}: ${out}`);
	};
	await waitFor(/^ready/);
	return { child, port, waitFor };
}

const stop = async (child: ChildProcess) => {
	if (child.exitCode !== null || child.signalCode !== null) return;
	const exited = once(child, 'exit');
	child.kill('SIGKILL');
	await exited;
};

test('Deno: the runtime is named, its memory matches Deno.memoryUsage(), and figures it lacks are absent', async () => {
	const target = await startDeno();
	const run = runCli(['--inspect', String(target.port), '--json', '--interval', '300', '--no-sampling']);
	try {
		const info = await run.waitForLine((l) => l.type === 'target');
		assert.equal(info.runtime, 'deno');
		assert.equal(info.pid, target.child.pid);
		assert.match(info.nodeVersion as string, /^\d+\.\d+\.\d+/);
		const samples = () => run.lines().filter((l) => l.type === 'sample' && !l.gap);
		for (let i = 0; i < 100 && samples().length < 3; i++) await sleep(100);
		target.child.kill('SIGUSR2');
		const report = JSON.parse((await target.waitFor(/^REPORT/)).split(' ')[1]);
		const last = samples().at(-1)!;
		assert.ok(Math.abs((last.rss as number) - report.rss) < report.rss * 0.1, `rss ${last.rss} vs Deno's ${report.rss}`);
		assert.ok(Math.abs((last.heapTotal as number) - report.heapTotal) < report.heapTotal * 0.25, `heapTotal ${last.heapTotal} vs ${report.heapTotal}`);
		assert.ok((last.heapLimit as number) > (last.heapTotal as number));
		assert.ok((samples()[1].allocRate as number) > 0, 'allocation rate from V8\'s own count, from the second reading');
		assert.equal(samples()[0].allocRate, undefined, 'nothing to compare the first reading with');
		for (const sample of samples()) {
			for (const absent of ['gc', 'handles', 'loopDelay', 'arrayBuffers']) assert.ok(!(absent in sample), `${absent} must be absent for Deno: ${JSON.stringify(sample)}`);
		}
	} finally {
		run.child.kill('SIGINT');
		const { code } = await run.done;
		await stop(target.child);
		assert.equal(code, 0);
	}
});

test('Deno: memtop snapshot writes a heap snapshot that memtop analyze reads, with the target\'s own objects', async () => {
	const target = await startDeno();
	const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'memtop-deno-'));
	try {
		const snap = await runCli(['snapshot', '--inspect', String(target.port), '--out-dir', dir]).done;
		assert.equal(snap.code, 0, snap.stderr);
		const file = snap.stdout.trim();
		const analysis = await runCli(['analyze', file, '--json']).done;
		assert.equal(analysis.code, 0, analysis.stderr);
		const row = (JSON.parse(analysis.stdout).constructors as { name: string; count: number }[]).find((c) => c.name === 'DenoHeld');
		assert.equal(row?.count, 5000);
	} finally {
		await stop(target.child);
		fs.rmSync(dir, { recursive: true, force: true });
	}
});

test('Deno in spawn mode: memtop -- deno run starts it with an inspector and watches it', async () => {
	const run = runCli(['--json', '--interval', '300', '--no-sampling', '--', deno, 'run', fixture('deno-target.ts')]);
	try {
		const info = await run.waitForLine((l) => l.type === 'target');
		assert.equal(info.runtime, 'deno');
		await run.waitForLine((l) => l.type === 'sample' && typeof l.heapUsed === 'number');
	} finally {
		run.child.kill('SIGINT');
		assert.equal((await run.done).code, 0);
	}
});
