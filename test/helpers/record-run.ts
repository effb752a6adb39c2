// A fresh recording of a real target: memtop --json on test/fixtures/churn.cjs, written into dir as run.ndjson.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { runCli } from './cli.js';
import { fixture, targetNode } from './target.js';

export async function recordRun(dir: string, seconds: number, intervalMs: number): Promise<string> {
	const run = await runCli(['--json', '--duration', String(seconds), '--interval', String(intervalMs), '--', targetNode, fixture('churn.cjs')]).done;
	assert.equal(run.code, 0, run.stderr);
	const file = path.join(dir, 'run.ndjson');
	fs.writeFileSync(file, run.stdout);
	return file;
}
