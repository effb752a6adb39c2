// Leak verdicts and alerts end to end, headless as CI would run them, against real programs of the corpus.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { runCli } from '../helpers/cli.js';
import { fixture, targetNode } from '../helpers/target.js';

const records = (stdout: string) => stdout.trim().split('\n').map((l) => JSON.parse(l) as Record<string, any>);
const lineOf = (file: string, text: string) => fs.readFileSync(file, 'utf8').split('\n').findIndex((l) => l.includes(text)) + 1;

test('a heap leak is called a leak with the function that allocates it (--fail-on leak: exit 4); heavy garbage and a sawtooth never are', async (t) => {
	const leaking = fixture('leaks/map-cache.cjs');
	const timers = fixture('leaks/intervals.cjs');
	// The leak verdict's alerts capture a profile: into a folder of the test's own, not the checkout.
	const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'memtop-leaks-'));
	t.after(() => fs.rmSync(dir, { recursive: true, force: true }));
	const watch = (...args: string[]) => runCli(['--json', '--duration', '60', '--out-dir', dir, ...args]).done;
	const [leak, healthy, handles] = await Promise.all([
		watch('--fail-on', 'leak', '--', targetNode, leaking),
		watch('--fail-on', 'leak', '--', targetNode, fixture('leaks/garbage.cjs')),
		watch('--', targetNode, timers),
	]);
	// The sawtooth on its own afterwards: four watched programs at once load a 2-core machine enough to starve
	// the others' allocation sampling.
	const saw = await watch('--fail-on', 'leak', '--', targetNode, fixture('leaks/sawtooth.cjs'));
	const summary = records(leak.stdout).find((r) => r.type === 'summary')!;
	assert.equal(leak.code, 4, JSON.stringify(summary));
	assert.equal(summary.leak.verdict, 'leak');
	assert.ok(summary.leak.kinds.includes('heap'));
	assert.ok(summary.leak.heapSlopeBytesPerMin > 1024 * 1024, `about 4 MB/min: ${summary.leak.heapSlopeBytesPerMin}`);
	// cacheRequest itself, or the timer callback that calls it: once V8 has inlined cacheRequest there, the
	// callback gets its bytes, and its suspect names cacheRequest as the helper it calls: from the samples taken
	// before the inlining, or, when it happened before the first sample (Node 22 optimizes early), its source.
	assert.ok(summary.leak.suspects?.length > 0, `suspects named: ${JSON.stringify(summary)}`);
	const [top] = summary.leak.suspects;
	const helper = `cacheRequest (${leaking}:${lineOf(leaking, 'function cacheRequest')})`;
	const isHelper = top.function === 'cacheRequest' && top.line === lineOf(leaking, 'function cacheRequest');
	const isCaller = top.line === lineOf(leaking, 'setInterval(') && top.calls === helper;
	assert.ok(isHelper || isCaller, JSON.stringify(top));
	assert.ok(top.url.endsWith('map-cache.cjs'));
	// What holds them: two snapshots after the verdict, the newest cached Object reached through the module's Map.
	const held = summary.leak.heldBy?.find((h: { class: string }) => h.class === 'Object');
	assert.ok(held, `heldBy: ${JSON.stringify(summary.leak.heldBy)}`);
	assert.match(held.heldAt, /Context->cache → Map/);
	assert.equal(records(leak.stdout).at(-1)!.type, 'end', 'the summary comes before end');
	assert.ok(records(leak.stdout).some((r) => r.type === 'alert' && r.metric === 'leak'), 'the verdict is an alert too');

	// Healthy programs: no leak at the end, and none called at any moment of the run (a leak is always an alert).
	for (const run of [healthy, saw]) {
		const calm = records(run.stdout).find((r) => r.type === 'summary')!;
		assert.equal(run.code, 0, JSON.stringify(calm));
		assert.equal(calm.leak.verdict, 'no-leak', JSON.stringify(calm));
		assert.deepEqual(records(run.stdout).filter((r) => r.type === 'alert' && r.metric === 'leak'), [], 'never called a leak on the way');
	}

	// A handle leak: judged on its own, and once judged, where the handles still alive were created.
	const timerSummary = records(handles.stdout).find((r) => r.type === 'summary')!;
	assert.equal(handles.code, 0, 'no --fail-on: a leak is reported, not failed');
	assert.equal(timerSummary.leak.verdict, 'leak', JSON.stringify(timerSummary));
	assert.ok(timerSummary.leak.kinds.includes('handles'));
	assert.ok(timerSummary.leak.handles.Timeout.end - timerSummary.leak.handles.Timeout.start >= 20, JSON.stringify(timerSummary.leak.handles));
	const [first] = timerSummary.leak.handleStacks;
	assert.equal(first.type, 'Timeout');
	assert.ok(first.count >= 5, JSON.stringify(first));
	assert.match(first.stack[0], new RegExp(`^startHeartbeat \\(.*intervals\\.cjs:${lineOf(timers, 'setInterval(() => id')}:\\d+\\)$`), first.stack.join('\n'));
});

test('alerts trip on a real target, capture rate-limited evidence, and --fail-on alert exits 4', async () => {
	const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'memtop-alerts-'));
	try {
		// Every threshold flag, set low enough that a busy program crosses it within seconds. (Its two handles are
		// timers: from Node 22 a child's stdio pipe is no longer an active resource.)
		const run = await runCli(['--json', '--duration', '6', '--alert-heap', '1MiB', '--alert-rss', '1MiB', '--alert-gc-pause', '0.001ms', '--alert-alloc-rate', '1KiB/s',
			'--alert-handles', '1', '--alert-loop-delay', '0.001ms', '--out-dir', dir, '--fail-on', 'alert', '--', targetNode, fixture('churn.cjs')]).done;
		assert.equal(run.code, 4, run.stderr);
		const alerts = records(run.stdout).filter((r) => r.type === 'alert');
		// Each trips once while it stays over; a GC pause alert re-arms after an interval without a GC.
		assert.deepEqual([...new Set(alerts.map((a) => a.metric))].sort(), ['alloc-rate', 'gc-pause', 'handles', 'heap', 'loop-delay', 'rss']);
		for (const metric of ['alloc-rate', 'handles', 'heap', 'loop-delay', 'rss']) assert.equal(alerts.filter((a) => a.metric === metric).length, 1, metric);
		const thresholds = { heap: 1024 * 1024, rss: 1024 * 1024, 'gc-pause': 0.001, 'alloc-rate': 1024, handles: 1, 'loop-delay': 0.001 } as Record<string, number>;
		for (const a of alerts) assert.ok(a.value > a.threshold && a.threshold === thresholds[a.metric], JSON.stringify(a));
		// One capture per cooldown (5 min by default): the first alert has the profile, the second says why not.
		const captured = alerts.filter((a) => a.artifact);
		assert.equal(captured.length, 1, JSON.stringify(alerts));
		assert.equal(alerts.filter((a) => /no capture: the last was/.test(a.note)).length, alerts.length - 1);
		assert.match(captured[0].artifact, /memtop-\d+-\d{8}-\d{6}\.pb\.gz$/);
		assert.equal(fs.statSync(captured[0].artifact).mode & 0o777, 0o600);
		assert.match(alerts.find((a) => !a.artifact)!.note, /no capture: the last was .* ago \(--alert-cooldown 5m00s\)/);
		assert.equal(records(run.stdout).find((r) => r.type === 'summary')!.alerts, alerts.length);

		const snap = await runCli(['--json', '--duration', '4', '--alert-heap', '1MiB', '--on-alert', 'snapshot', '--out-dir', dir, '--', targetNode, fixture('steady.cjs')]).done;
		assert.equal(snap.code, 0, snap.stderr);
		const artifact = records(snap.stdout).find((r) => r.type === 'alert')!.artifact as string;
		assert.match(artifact, /\.heapsnapshot$/);
		assert.match(fs.readFileSync(artifact, 'utf8').slice(0, 40), /^\{"snapshot":\{/);
	} finally {
		fs.rmSync(dir, { recursive: true, force: true });
	}
});

test('bad alert flags: a clear message and exit 2', async () => {
	for (const [args, message] of [
		[['--alert-heap', 'lots'], /--alert-heap expects a threshold such as 500MiB; got "lots"/],
		[['--on-alert', 'email'], /--on-alert expects profile, snapshot or none/],
		[['--fail-on', 'slow'], /--fail-on expects leak, alert or both/],
	] as const) {
		const run = await runCli(['--inspect', '9', ...args]).done;
		assert.equal(run.code, 2, run.stderr);
		assert.match(run.stderr, message);
	}
});
