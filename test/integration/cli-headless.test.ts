// Headless NDJSON through the real CLI against real targets: the contract in docs/json.md.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { runCli } from '../helpers/cli.js';
import { fixture, startTarget, targetNode } from '../helpers/target.js';

const isSample = (l: Record<string, unknown>) => l.type === 'sample' && !l.gap;

test('spawn mode, stdout not a terminal: NDJSON without --json, meta then target first, end last, child stopped', async () => {
	const log = path.join(os.tmpdir(), `memtop-test-${process.pid}.log`);
	const run = runCli(['--interval', '300', '--duration', '3', '--log', log, '--', targetNode, fixture('churn.cjs')]);
	const { code, stdout } = await run.done;
	assert.equal(code, 0);
	const lines = stdout.trim().split('\n').map((l) => JSON.parse(l));
	// What wrote the recording and how: a reader needs nothing else to read it back.
	const version = JSON.parse(fs.readFileSync(new URL('../../package.json', import.meta.url), 'utf8')).version;
	assert.deepEqual({ ...lines[0], t: 0 }, { type: 'meta', format: 1, memtop: version, t: 0, intervalMs: 300, windowMs: 300_000 });
	assert.equal(lines[1].type, 'target');
	assert.ok(lines[1].argv.at(-1).endsWith('churn.cjs'));
	assert.deepEqual(lines.at(-1)!.type, 'end');
	assert.equal(lines.at(-1)!.reason, 'duration');
	const samples = lines.filter(isSample);
	assert.ok(samples.length >= 5, `${samples.length} samples in 3 s at 300 ms`);
	const last = samples.at(-1);
	for (const field of ['t', 'heapUsed', 'heapTotal', 'heapLimit', 'rss', 'external', 'arrayBuffers', 'allocRate', 'cpuPercent']) {
		assert.equal(typeof last[field], 'number', `${field} in ${JSON.stringify(last)}`);
	}
	assert.ok(last.allocRate > 10 * 1024 * 1024, `churn allocates ~50 MB/s; allocRate ${last.allocRate}`);
	assert.equal(typeof last.gc.count, 'number');
	assert.ok(last.gc.count >= last.gc.minor + last.gc.major);
	assert.equal(last.handles.total, Object.values(last.handles.byType as Record<string, number>).reduce((a, b) => a + b, 0));
	assert.ok(last.handles.byType.Timeout >= 1);
	const gcs = lines.filter((l) => l.type === 'gc');
	assert.ok(gcs.length > 0);
	for (const gc of gcs) {
		assert.ok(['minor', 'major', 'incremental', 'weakcb'].includes(gc.kind));
		assert.ok(gc.pauseMs >= 0);
	}
	// The child's output went to the log file (mode 0600), not to our stdout.
	assert.match(fs.readFileSync(log, 'utf8'), /ready/);
	assert.equal(fs.statSync(log).mode & 0o777, 0o600);
	assert.doesNotMatch(stdout, /^ready/m);
	fs.rmSync(log);
});

test('the first reading has no allocRate and no GC interval figures: absent, never 0', async () => {
	const target = await startTarget('steady.cjs');
	try {
		const run = runCli(['--inspect', String(target.port), '--json', '--interval', '200', '--duration', '1']);
		const { code } = await run.done;
		assert.equal(code, 0);
		const first = run.lines().find(isSample)!;
		assert.equal('allocRate' in first, false);
		assert.equal('pauseMs' in (first.gc as object), false);
	} finally {
		await target.kill();
	}
});

test('attached to a port, a target killed mid-session is waited for: "gone", then "back" when one listens there again', async (t) => {
	const first = await startTarget('steady.cjs');
	t.after(() => first.kill());
	const run = runCli(['--inspect', String(first.port), '--json', '--interval', '200']);
	t.after(() => run.child.kill('SIGKILL'));
	await run.waitForLine(isSample);
	first.child.kill('SIGKILL');
	const gone = await run.waitForLine((l) => l.type === 'gone');
	assert.equal(typeof gone.reason, 'string');
	// The same port, a new process: memtop attaches again and says it is another one.
	const second = await startTarget('steady.cjs', [], first.port);
	t.after(() => second.kill());
	const back = await run.waitForLine((l) => l.type === 'back');
	assert.deepEqual([back.pid, back.restarted], [second.child.pid, true]);
	await run.waitForLine((l) => isSample(l) && (l.t as number) > (back.t as number));
	run.child.kill('SIGINT');
	const { code } = await run.done;
	assert.equal(code, 0);
	assert.equal(run.lines().at(-1)!.reason, 'signal');
});

test('attached by WebSocket URL (which a restarted target does not keep), a killed target ends the run: reason target-exit', async () => {
	const target = await startTarget('steady.cjs');
	const run = runCli(['--ws', target.wsUrl, '--json', '--interval', '200']);
	await run.waitForLine(isSample);
	target.child.kill('SIGKILL');
	const { code } = await run.done;
	assert.equal(code, 0);
	const end = run.lines().at(-1)!;
	assert.equal(end.type, 'end');
	assert.equal(end.reason, 'target-exit');
});

test('SIGINT ends a headless run cleanly with reason signal and leaves the target running', async () => {
	const target = await startTarget('steady.cjs');
	try {
		const run = runCli(['--inspect', String(target.port), '--json', '--interval', '200']);
		await run.waitForLine(isSample);
		run.child.kill('SIGINT');
		const { code } = await run.done;
		assert.equal(code, 0);
		assert.equal(run.lines().at(-1)!.reason, 'signal');
		assert.equal(target.child.exitCode, null);
	} finally {
		await target.kill();
	}
});

test('a target blocked in native code: gap samples, then normal samples again', async () => {
	const target = await startTarget('blocker.cjs');
	try {
		const run = runCli(['--inspect', String(target.port), '--json', '--interval', '250']);
		await run.waitForLine(isSample);
		target.child.kill('SIGUSR2');
		await run.waitForLine((l) => l.type === 'sample' && l.gap === true);
		await target.waitFor(/^unblocked/);
		const gapIndex = run.lines().findIndex((l) => l.gap === true);
		await run.waitForLine((l) => isSample(l) && (l.t as number) > (run.lines()[gapIndex].t as number) + 500);
		run.child.kill('SIGINT');
		await run.done;
		const gaps = run.lines().filter((l) => l.gap === true);
		assert.ok(gaps.length >= 3, `${gaps.length} gaps in a 3 s block at 250 ms`);
		for (const gap of gaps) assert.deepEqual(Object.keys(gap).sort(), ['gap', 't', 'target', 'type'], 'a gap names its target and nothing else');
	} finally {
		await target.kill();
	}
});

test('--target picks a target by id and rejects one that does not match', async () => {
	const target = await startTarget('steady.cjs');
	try {
		const id = target.wsUrl.split('/').at(-1)!;
		const ok = runCli(['--inspect', String(target.port), '--target', id, '--json', '--duration', '1']);
		assert.equal((await ok.done).code, 0);
		assert.equal(ok.lines().find((l) => l.type === 'target')?.url, target.wsUrl);
		const bad = await runCli(['--inspect', String(target.port), '--target', 'nothing-like-this', '--json']).done;
		assert.equal(bad.code, 3);
		assert.match(bad.stderr, /no target matches --target "nothing-like-this".*steady\.cjs/);
	} finally {
		await target.kill();
	}
});

test('headless: a "top" record per read of the sampler names the known allocator; --no-sampling writes none and starts no sampler', async () => {
	const target = await startTarget('allocator.cjs', ['40']); // a small heap: reads (each a full GC) stay 5 s apart
	try {
		await target.waitFor(/^ready/);
		const line = fs.readFileSync(fixture('allocator.cjs'), 'utf8').split('\n').findIndex((l) => l.includes('function allocateOrders')) + 1;
		// Started on attach, read every 5 s: two reads in 20 s (reads are spaced by what they cost the target: 5 s, more on a loaded machine), the second with growth.
		const run = await runCli(['--inspect', String(target.port), '--json', '--duration', '20', '--sample-interval', '32768']).done;
		assert.equal(run.code, 0, run.stderr);
		const tops = run.stdout.trim().split('\n').map((l) => JSON.parse(l)).filter((l) => l.type === 'top');
		assert.ok(tops.length >= 2, run.stdout);
		for (const top of tops) {
			assert.equal(top.sampleType, 'inuse_space/bytes');
			assert.deepEqual([top.functions[0].name, top.functions[0].line], ['allocateOrders', line]);
			assert.ok(top.functions[0].url.endsWith('allocator.cjs'));
			assert.ok(top.functions[0].flat > 0.5 * top.total, 'it makes most of what is in use');
			assert.ok(top.functions.length <= 10);
		}
		assert.equal(typeof tops[1].functions[0].growthPerMin, 'number', 'the second read has a change per minute');

		const quiet = runCli(['--inspect', String(target.port), '--json', '--duration', '6', '--no-sampling']);
		await new Promise((r) => setTimeout(r, 2000));
		const { default: CDP } = await import('chrome-remote-interface');
		const client = await CDP({ target: target.wsUrl, local: true });
		await assert.rejects(client.send('HeapProfiler.getSamplingProfile'), /not started/, 'no sampler while attached with --no-sampling');
		await client.close();
		const { code, stdout } = await quiet.done;
		assert.equal(code, 0);
		assert.ok(!stdout.includes('"type":"top"'));
	} finally {
		await target.kill();
	}
});

test('a reader that goes away (memtop --json | head) ends the run quietly with exit 0, the target detached', async () => {
	const target = await startTarget('steady.cjs');
	try {
		const run = runCli(['--inspect', String(target.port), '--json', '--interval', '200']);
		await run.waitForLine(isSample);
		run.child.stdout!.destroy(); // what head does after its last line
		const { code, stderr } = await run.done;
		assert.equal(code, 0, stderr);
		assert.equal(stderr, '', 'no EPIPE stack trace');
		assert.equal(target.child.exitCode, null);
	} finally {
		await target.kill();
	}
});
