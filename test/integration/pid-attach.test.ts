// memtop --pid against real Node processes started without an inspector: it opens one with SIGUSR1, reads the
// right process, closes what it opened, and refuses clearly (exit 3) where it cannot, leaving the process running.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import net from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import { fixture, targetNode } from '../helpers/target.js';
import { cliPath, runCli } from '../helpers/cli.js';
import { listeningPorts } from '../../source/target/proc.js';

/** Start a process without an inspector and wait for it to print "ready". */
async function startPlain(command: string, args: string[], env: NodeJS.ProcessEnv = process.env): Promise<ChildProcess> {
	const child = spawn(command, args, { stdio: ['ignore', 'pipe', 'pipe'], env });
	let out = '';
	child.stdout!.setEncoding('utf8');
	await new Promise<void>((resolve, reject) => {
		child.stdout!.on('data', (chunk: string) => (out += chunk).includes('ready') && resolve());
		child.once('exit', (code) => reject(new Error(`${command} exited (${code}) before it was ready`)));
	});
	return child;
}

const alive = (child: ChildProcess) => child.exitCode === null && child.signalCode === null;
const stop = async (child: ChildProcess) => {
	if (!alive(child)) return;
	const exited = once(child, 'exit');
	child.kill('SIGKILL');
	await exited;
};

/** Poll until pid's listening ports equal expected (the inspector memtop closed is gone). */
async function portsBecome(pid: number, expected: Set<number>): Promise<Set<number>> {
	let now = listeningPorts(pid);
	for (let i = 0; i < 100 && [...now].sort().join() !== [...expected].sort().join(); i++) {
		await sleep(100);
		now = listeningPorts(pid);
	}
	return now;
}

test('--pid opens the inspector of a process started without one, reads that process, and closes it again', async () => {
	// --inspect-port=0 through NODE_OPTIONS: a free port, and the flags memtop must read from the environment.
	const target = await startPlain(targetNode, [fixture('steady.cjs')], { ...process.env, NODE_OPTIONS: '--inspect-port=0' });
	try {
		const appPorts = listeningPorts(target.pid!);
		assert.equal(appPorts.size, 2, 'the fixture listens on two ports of its own, which are not the inspector');
		for (const round of [1, 2]) {
			const run = runCli(['--pid', String(target.pid), '--json', '--duration', '2', '--no-sampling']);
			const { code, stderr } = await run.done;
			assert.equal(code, 0, `round ${round}: ${stderr}`);
			const [meta, info, ...rest] = run.lines();
			assert.equal(meta.type, 'meta');
			assert.equal(info.type, 'target');
			assert.equal(info.pid, target.pid, 'the process asked for, not another');
			const sample = rest.find((line) => line.type === 'sample');
			assert.ok(sample && (sample.arrayBuffers as number) >= 32 * 1024 * 1024, `the fixture's 32 MB buffer is seen: ${JSON.stringify(sample)}`);
			// memtop opened the inspector, so it closed it: only the fixture's own ports are left, and it runs on.
			assert.deepEqual(await portsBecome(target.pid!, appPorts), appPorts, `round ${round}: the inspector memtop opened is closed`);
			assert.ok(alive(target));
		}
	} finally {
		await stop(target);
	}
});

test('--pid, then memtop is killed: the probe closes the inspector memtop opened (no way in left behind)', async (t) => {
	const target = await startPlain(targetNode, [fixture('steady.cjs')], { ...process.env, NODE_OPTIONS: '--inspect-port=0' });
	t.after(() => stop(target));
	const appPorts = listeningPorts(target.pid!);
	const run = runCli(['--pid', String(target.pid), '--json', '--no-sampling']);
	t.after(() => run.child.kill('SIGKILL'));
	await run.waitForLine((line) => line.type === 'sample' && typeof line.heapUsed === 'number');
	assert.equal(listeningPorts(target.pid!).size, appPorts.size + 1, 'the inspector memtop opened listens');
	run.child.kill('SIGKILL');
	await run.done;
	// The probe's watchdog is 30 s without a reading; then it removes itself and closes the inspector.
	await sleep(30_000);
	let now = listeningPorts(target.pid!);
	for (let i = 0; i < 150 && now.size !== appPorts.size; i++) {
		await sleep(100);
		now = listeningPorts(target.pid!);
	}
	assert.deepEqual(now, appPorts, 'only the fixture\'s own ports are left');
	assert.ok(alive(target), 'and the process runs on');
});

test('--pid on a process that already has an inspector uses it and leaves it open', async () => {
	const target = await startPlain(targetNode, ['--inspect=127.0.0.1:0', '-e', "setInterval(() => {}, 1000); console.log('ready')"]);
	try {
		const before = listeningPorts(target.pid!);
		assert.equal(before.size, 1);
		const run = runCli(['--pid', String(target.pid), '--json', '--duration', '1', '--no-sampling']);
		const { code, stderr } = await run.done;
		assert.equal(code, 0, stderr);
		assert.equal(run.lines().find((l) => l.type === 'target')?.pid, target.pid);
		await sleep(500);
		assert.deepEqual(listeningPorts(target.pid!), before, 'an inspector memtop did not open stays open');
	} finally {
		await stop(target);
	}
});

test('--pid refuses, exit 3, and the process runs on: gone, not Node, port taken, SIGUSR1 handled by the app', async () => {
	const gone = await startPlain(targetNode, ['-e', "console.log('ready')"]);
	await once(gone, 'exit').catch(() => {});
	const sleeper = await startPlain('sh', ['-c', 'echo ready; exec sleep 60']);
	const holder = net.createServer().listen(0, '127.0.0.1');
	await once(holder, 'listening');
	const taken = (holder.address() as net.AddressInfo).port;
	const blocked = await startPlain(targetNode, [`--inspect-port=${taken}`, '-e', "setInterval(() => {}, 1000); console.log('ready')"]);
	const ownHandler = await startPlain(targetNode, ['--inspect-port=0', '-e', "process.on('SIGUSR1', () => {}); setInterval(() => {}, 1000); console.log('ready')"]);
	// Would open on every interface: refused before any signal (so its inspector never opens).
	const exposed = await startPlain(targetNode, ['--inspect-port=0.0.0.0:0', '-e', "setInterval(() => {}, 1000); console.log('ready')"]);
	try {
		const cases: [ChildProcess, RegExp][] = [
			[gone, /no such process/],
			[sleeper, /is not a Node process \(it runs \S*sleep\)/],
			[blocked, new RegExp(`port ${taken} is already taken by another process.*--inspect-port`)],
			[ownHandler, /did not open an inspector within 1 s.*process\.on\('SIGUSR1'\)/],
			[exposed, /on 0\.0\.0\.0:0, which is not loopback.*--inspect-port=127\.0\.0\.1.*--allow-remote/],
		];
		for (const [child, message] of cases) {
			const { code, stderr } = await runCli(['--pid', String(child.pid), '--json', '--connect-timeout', '1000']).done;
			assert.equal(code, 3, stderr);
			assert.match(stderr, message);
		}
		await sleep(200);
		for (const child of [sleeper, blocked, ownHandler, exposed]) assert.ok(alive(child), `pid ${child.pid} must still run`);
		assert.equal(listeningPorts(exposed.pid!).size, 0, 'no inspector was opened on every interface');
	} finally {
		holder.close();
		await Promise.all([sleeper, blocked, ownHandler, exposed].map(stop));
	}
});

/** A node that user nobody may run: this one, unless it lives where nobody cannot reach (a runtime under /root). */
function nodeForNobody(): string {
	for (const node of [process.execPath, '/usr/local/bin/node', '/usr/bin/node']) {
		if (spawnSync(node, ['--version'], { uid: 65534, gid: 65534, cwd: '/' }).status === 0) return node;
	}
	return process.execPath;
}

test('--pid on another user\'s process says permission denied (run as root: memtop drops to nobody)', { skip: process.getuid?.() !== 0 && 'needs root to run memtop as another user' }, async () => {
	const target = await startPlain(targetNode, ['--inspect-port=0', '-e', "setInterval(() => {}, 1000); console.log('ready')"]);
	try {
		const child = spawn(nodeForNobody(), [cliPath, '--pid', String(target.pid), '--json'], { uid: 65534, gid: 65534, cwd: '/', stdio: ['ignore', 'pipe', 'pipe'] });
		let stderr = '';
		child.stderr!.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
		const [code] = await once(child, 'close');
		assert.equal(code, 3, stderr);
		assert.match(stderr, /permission denied signalling process \d+: it belongs to another user/);
		assert.ok(alive(target));
	} finally {
		await stop(target);
	}
});
