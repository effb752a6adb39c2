// Snapshots taken from a live session (what the s key drives): confirmation on a big heap, capture, analysis
// off the main thread, a diff object by object against the previous snapshot, and a failure that leaves the
// session running.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startTarget } from '../helpers/target.js';
import { Monitor } from '../../source/watch/monitor.js';
import { Snapshots, type SnapshotPhase } from '../../source/watch/snapshots.js';

const until = async (check: () => boolean) => {
	while (!check()) await new Promise((r) => setTimeout(r, 20));
};

test('s on a big heap asks first; the snapshot is analysed while readings go on; the next one is diffed by id', async () => {
	const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'memtop-live-snap-'));
	const target = await startTarget('sessions.cjs', ['150000']);
	await target.waitFor(/^ready/);
	const monitor = new Monitor({ kind: 'ws', url: target.wsUrl }, 50, 5000);
	try {
		await monitor.start();
		await until(() => monitor.history.latest() !== undefined);
		const snapshots = new Snapshots(monitor, dir, 1); // every heap counts as large here
		snapshots.request();
		assert.equal(snapshots.status.phase, 'confirm');
		assert.match(snapshots.status.text ?? '', /freezes it .* Press s again/);
		snapshots.cancel();
		assert.equal(snapshots.status.phase, 'idle');
		snapshots.request();
		snapshots.request(); // confirmed

		// Count readings that arrive while the worker analyses: a blocked main thread would record none.
		const seen = new Set<SnapshotPhase>();
		let readingsWhileAnalysing = 0;
		let lastTick = monitor.history.latest()?.t;
		while (!['ready', 'failed'].includes(snapshots.status.phase)) {
			seen.add(snapshots.status.phase);
			const tick = monitor.history.latest()?.t;
			if (snapshots.status.phase === 'analysing' && tick !== lastTick) readingsWhileAnalysing++;
			lastTick = tick;
			await new Promise((r) => setTimeout(r, 10));
		}
		assert.equal(snapshots.status.phase, 'ready', snapshots.status.text);
		assert.ok(seen.has('capturing') && seen.has('analysing'), [...seen].join());
		assert.ok(readingsWhileAnalysing > 0, 'readings kept arriving during the analysis');
		const first = snapshots.status.report!;
		assert.equal(first.constructors.find((c) => c.name === 'LeakySession')?.count, 150_000);
		assert.equal(first.retainers.LeakySession?.length, 5);
		assert.ok(first.diff === undefined);
		assert.equal(fs.statSync(first.file).mode & 0o777, 0o600);
		assert.ok(monitor.history.markers.some((m) => m.label === 'S'), 'the snapshot is marked on the charts');

		target.child.kill('SIGUSR2');
		await target.waitFor(/^grown/);
		await new Promise((r) => setTimeout(r, 1100)); // file names have one-second resolution
		snapshots.request();
		snapshots.request();
		await until(() => ['ready', 'failed'].includes(snapshots.status.phase) && snapshots.status.report !== first);
		const second = snapshots.status.report!;
		assert.equal(second.base, first.file);
		assert.equal(second.diff?.matchedById, true, 'one session: ids identify objects');
		const row = second.diff!.rows.find((r) => r.name === 'LeakySession');
		assert.deepEqual([row?.added, row?.removed, row?.countDelta], [500, 0, 500]);
	} finally {
		await monitor.stop();
		await target.kill();
		fs.rmSync(dir, { recursive: true, force: true });
	}
});

test('a snapshot that cannot be written says why and the session goes on', async () => {
	const target = await startTarget('sessions.cjs', ['100']);
	await target.waitFor(/^ready/);
	const monitor = new Monitor({ kind: 'ws', url: target.wsUrl }, 50, 5000);
	try {
		await monitor.start();
		await until(() => monitor.history.latest() !== undefined);
		const snapshots = new Snapshots(monitor, path.join(os.tmpdir(), 'memtop-no-such-dir', 'deeper'));
		snapshots.request();
		await until(() => snapshots.status.phase === 'failed');
		assert.match(snapshots.status.text ?? '', /does not exist.*--out-dir/);
		const before = monitor.history.latest()!.t;
		await until(() => monitor.history.latest()!.t > before);
		assert.equal(monitor.state, 'live');
	} finally {
		await monitor.stop();
		await target.kill();
	}
});
