// Before analysing: the memory a snapshot's counts need against what there is; too little is said, with sizes.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import { checkMemory, memoryAvailable, memoryNeeded } from '../../source/analysis/memory-guard.js';
import { readSnapshot } from '../../source/analysis/read-snapshot.js';
import { MemtopError } from '../../source/errors.js';

test('the estimate covers the peaks measured on 620 MB and 2.5 GB snapshots', () => {
	const MB = 1024 * 1024;
	assert.ok(memoryNeeded({ nodeCount: 8.6e6, edgeCount: 22e6 }) >= 647 * MB);
	assert.ok(memoryNeeded({ nodeCount: 33.8e6, edgeCount: 85.8e6 }) >= 2252 * MB);
	assert.ok(memoryAvailable() > 0 && memoryAvailable() <= os.totalmem());
});

test('too little memory is said with the sizes and the fix, before any array is made', (t) => {
	const meta = { nodeCount: 33.8e6, edgeCount: 85.8e6 };
	assert.throws(() => checkMemory(meta, '/tmp/big.heapsnapshot', 2 * 1024 ** 3), (error: Error) => error instanceof MemtopError
		&& /^analysing big\.heapsnapshot needs about 2\.\d GiB of memory \(33\.8 M nodes, 85\.8 M edges\); this machine has 2\.0 GiB\. Analyse it on a machine/.test(error.message));
	assert.doesNotThrow(() => checkMemory(meta, '/tmp/big.heapsnapshot', 8 * 1024 ** 3));
	// A real snapshot goes through the check as it is read: with the machine's memory it passes.
	const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'memtop-guard-'));
	t.after(() => fs.rmSync(dir, { recursive: true, force: true }));
	const file = path.join(dir, 'node20.heapsnapshot');
	fs.writeFileSync(file, zlib.brotliDecompressSync(fs.readFileSync(new URL('../fixtures/snapshots/node20.heapsnapshot.br', import.meta.url))));
	assert.ok(readSnapshot(file).nodeCount > 1000);
});
