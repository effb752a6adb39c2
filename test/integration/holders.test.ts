// What holds a leak's objects, from two real heap snapshots of a leaking target: the class that grew and the
// path from a root to its newest object, through the Map the program keeps them in. The snapshot files are gone
// afterwards; a large heap is not snapshotted without asking.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startTarget } from '../helpers/target.js';
import { endpointOf } from '../helpers/watch.js';
import { Monitor } from '../../source/watch/monitor.js';
import { Holders } from '../../source/watch/holders.js';
import { formatPath } from '../../source/model/heap-snapshot/retainers.js';

test('two snapshots 3 s apart name the growing class and the Map that holds its newest objects', async () => {
	// A temp folder of this test's own, so another memtop running beside it (a benchmark) cannot confuse the count.
	const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'memtop-holders-test-'));
	const savedTmp = process.env.TMPDIR;
	process.env.TMPDIR = tmp;
	const target = await startTarget('leaks/map-cache.cjs');
	const monitor = new Monitor(endpointOf(target.port), 500, 5000);
	const holders = new Holders(monitor, 'profile', 3000);
	try {
		await target.waitFor(/^ready/);
		await monitor.start();
		await until(() => monitor.history.latest()?.reading);
		holders.find();
		assert.equal(holders.status.phase, 'capturing');
		await holders.settled();
		assert.equal(holders.status.phase, 'done', holders.status.text);
		const held = holders.status.heldBy!.find((h) => h.name === 'Object');
		assert.ok(held, `Object grew: ${JSON.stringify(holders.status.heldBy?.map((h) => h.name))}`);
		assert.ok(held.added > 50, `${held.added} objects added in 3 s (about 100 a second are cached)`);
		const path = formatPath(held.holder!.instance.path);
		assert.ok(held.holder!.shared >= 5, `a share of the newest (bodies and their headers objects both grow) share the path: ${held.holder!.shared} of ${held.holder!.of}`);
		assert.match(path, /Map/, path);
		assert.match(path, /cache/, `the path goes through the module's cache: ${path}`);
		assert.deepEqual(fs.readdirSync(tmp).filter((name) => name.startsWith('memtop')), [], 'the two snapshots are removed');
	} finally {
		process.env.TMPDIR = savedTmp;
		if (savedTmp === undefined) delete process.env.TMPDIR;
		fs.rmSync(tmp, { recursive: true, force: true });
		holders.stop();
		await monitor.stop();
		await target.kill();
	}
});

test('a heap over 64 MB is not snapshotted without asking, and with --on-alert none no heap is', async () => {
	const monitor = { history: { latest: () => ({ reading: { heapUsed: 100 * 1024 * 1024 } }) } } as unknown as Monitor;
	const careful = new Holders(monitor, 'profile');
	careful.find();
	assert.equal(careful.status.phase, 'skipped');
	assert.match(careful.status.text!, /not looked for on a heap over 64\.0 MiB/);
	const none = new Holders(monitor, 'none');
	none.find();
	assert.equal(none.status.phase, 'skipped');
	assert.match(none.status.text!, /--on-alert none/);
});

async function until<T>(get: () => T | undefined): Promise<T> {
	for (;;) {
		const value = get();
		if (value !== undefined) return value;
		await new Promise((resolve) => setTimeout(resolve, 100));
	}
}
