// Worker threads as targets of their own (NodeWorker domain), against a real process with one worker: its
// heap is its own (checked against what the worker says), a snapshot and the allocation top taken on it are
// the worker's, the NDJSON and /metrics name it, and memtop leaves nothing behind in it.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import CDP from 'chrome-remote-interface';
import { startTarget } from '../helpers/target.js';
import { runCli } from '../helpers/cli.js';
import { Fleet, type Member } from '../../source/watch/fleet.js';
import { watchWorkers, type WorkerTarget, type ProtocolClient } from '../../source/target/worker-channel.js';

const until = async (check: () => boolean, what: string) => {
	for (let i = 0; i < 200 && !check(); i++) await sleep(100);
	assert.ok(check(), what);
};

test('a worker thread is a target with its own heap, snapshot and allocation top; detaching leaves it clean', async (t) => {
	const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'memtop-threads-'));
	const target = await startTarget('threads.cjs');
	t.after(() => target.kill());
	await target.waitFor(/^ready/);
	const fleet = new Fleet({ intervalMs: 300, connectTimeoutMs: 5000, windowMs: 60_000, outDir: dir, sampleIntervalBytes: 32 * 1024, alerts: [], capture: 'none', alertCooldownMs: 60_000, confirmWithGc: false });
	try {
		await fleet.add('main', { kind: 'ws', url: target.wsUrl }, 'attached');
		let worker: Member | undefined;
		await until(() => (worker = fleet.members.find((m) => m.origin === 'worker')) !== undefined && worker.watched.monitor.history.ticks.length >= 2, 'the worker joins and is read');
		const main = fleet.members.find((m) => m.key === 'main')!;
		target.child.kill('SIGUSR2');
		const report = JSON.parse((await target.waitFor(/^REPORT/)).slice(7));
		const workerInfo = worker!.watched.monitor.info!;
		// Its threadId is 2 (a first worker came and went); the inspector's own number for it is 1.
		assert.equal(report.threadId, 2);
		assert.equal(workerInfo.thread?.id, '2');
		assert.equal(worker!.key, 'main#2');
		assert.equal(workerInfo.thread?.title, '[worker 2]', 'no "WorkerThread" (Node 24+ default name)');
		assert.equal(workerInfo.pid, target.child.pid, 'same process');
		const workerHeap = worker!.watched.monitor.history.latest()!.reading!.heapUsed;
		const mainHeap = main.watched.monitor.history.latest()!.reading!.heapUsed;
		// The worker churns, so allow for that; the point is that it is the worker's heap, not the main thread's.
		assert.ok(Math.abs(workerHeap - report.worker) < report.worker * 0.5, `worker heap ${workerHeap} vs its own ${report.worker}`);
		assert.ok(workerHeap > 2 * mainHeap, `worker ${workerHeap} holds far more than main ${mainHeap}`);

		// A snapshot of the worker (what s does on its dashboard) holds the worker's 100,000 objects.
		const snapshots = worker!.watched.snapshots;
		snapshots.request();
		if (snapshots.status.phase === 'confirm') snapshots.request();
		await until(() => ['ready', 'failed'].includes(snapshots.status.phase), 'the snapshot is analysed');
		assert.equal(snapshots.status.phase, 'ready', snapshots.status.text);
		assert.equal(snapshots.status.report!.constructors.find((c) => c.name === 'WorkerHeld')?.count, 100_000);
		// The allocation top of the worker names the worker's allocating function.
		const top = worker!.watched.liveTop!;
		await until(() => (top.status.top?.functions ?? []).some((f) => f.name === 'workerChurn'), 'workerChurn in the worker\'s top');
	} finally {
		await fleet.stop();
		fs.rmSync(dir, { recursive: true, force: true });
	}
	// Nothing of memtop is left in the worker: look through a session of our own.
	const client = await CDP({ target: target.wsUrl, local: true });
	try {
		let found: WorkerTarget | undefined;
		await watchWorkers(client as unknown as ProtocolClient, (w) => (found = w));
		await until(() => found !== undefined, 'our own session sees the worker');
		const answer = await found!.channel.send('Runtime.evaluate', { expression: "Object.getOwnPropertySymbols(globalThis).map(String).filter((s) => s.includes('memtop')).length + Object.keys(globalThis).filter((k) => k.startsWith('__memtop')).length", returnByValue: true }) as { result: { value: number } };
		assert.equal(answer.result.value, 0, 'no probe, handle tracer or binding left in the worker');
		await found!.channel.close();
	} finally {
		await client.close();
	}
});

test('headless: the worker thread has its own target record and samples, and /metrics labels it by thread', async (t) => {
	const target = await startTarget('threads.cjs');
	t.after(() => target.kill());
	await target.waitFor(/^ready/);
	const run = runCli(['--inspect', String(target.port), '--json', '--interval', '300', '--no-sampling', '--prometheus', '127.0.0.1:0']);
	t.after(() => run.child.kill('SIGKILL'));
	try {
		const record = await run.waitForLine((l) => l.type === 'target' && (l.thread as { id?: string } | undefined)?.id !== undefined);
		assert.match((record.thread as { url: string }).url, /threads\.cjs$/);
		assert.deepEqual([(record.thread as { id: string }).id, (record.thread as { title: string }).title], ['2', '[worker 2]']);
		await run.waitForLine((l) => l.type === 'sample' && l.target === record.target && typeof l.heapUsed === 'number');
		await until(() => /serving Prometheus metrics on/.test(run.stderr()), 'metrics served');
		const url = /on (http:\S+)/.exec(run.stderr())![1];
		let page = '';
		for (let i = 0; i < 100 && !/thread="\d+"/.test(page); i++) {
			page = await (await fetch(url)).text();
			await sleep(100);
		}
		assert.match(page, new RegExp(`nodejs_heap_size_used_bytes\\{pid="${target.child.pid}",[^}]*thread="main"\\}`));
		assert.match(page, new RegExp(`nodejs_heap_size_used_bytes\\{pid="${target.child.pid}",[^}]*thread="${(record.thread as { id: string }).id}"\\}`));
	} finally {
		run.child.kill('SIGINT');
	}
	assert.equal((await run.done).code, 0);
});
