// Allocation profiles end to end: memtop profile against a target with a known allocator, both modes, the
// pprof file read back by a decoder of the tests' own, the -base diff, and bad inputs.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import CDP from 'chrome-remote-interface';
import { fixture, startTarget } from '../helpers/target.js';
import { runCli } from '../helpers/cli.js';
import { decodePprof } from '../helpers/pprof-decode.js';

// The line allocateOrders starts on, 1-based, read from the fixture rather than written down.
const allocatorLine = fs.readFileSync(fixture('allocator.cjs'), 'utf8').split('\n').findIndex((l) => l.includes('function allocateOrders')) + 1;
interface TopJson { sampleType: string; total: number; functions: { name: string; url: string; line: number; flat: number; cum: number }[] }
const analyze = async (...args: string[]): Promise<TopJson> => {
	const run = await runCli(['analyze', ...args, '--json', '--top', '1000']).done;
	assert.equal(run.code, 0, run.stderr);
	return JSON.parse(run.stdout) as TopJson;
};
const profile = async (port: number, ...args: string[]) => {
	// A fine sampling interval: many samples, so a small allocator is never missed by chance.
	const run = await runCli(['profile', '--inspect', String(port), '--sample-interval', '32768', ...args]).done;
	assert.equal(run.code, 0, run.stderr);
	const [heapprofile, pprof] = run.stdout.trim().split('\n');
	return { heapprofile, pprof };
};

test('profile: the known allocator tops both modes, with its file and 1-based line, in both file formats', async () => {
	const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'memtop-profile-'));
	const target = await startTarget('allocator.cjs');
	try {
		await target.waitFor(/^ready/);
		const inuse = await profile(target.port, '--duration', '2', '--out-dir', dir);
		assert.match(path.basename(inuse.heapprofile), new RegExp(`^memtop-${target.child.pid}-\\d{8}-\\d{6}\\.heapprofile$`));
		for (const file of [inuse.heapprofile, inuse.pprof]) assert.equal(fs.statSync(file).mode & 0o777, 0o600);

		for (const file of [inuse.heapprofile, inuse.pprof]) {
			const top = await analyze(file);
			assert.equal(top.sampleType, 'inuse_space/bytes');
			assert.equal(top.functions[0].name, 'allocateOrders', file);
			assert.ok(top.functions[0].url.endsWith('allocator.cjs'));
			assert.equal(top.functions[0].line, allocatorLine);
			assert.ok(top.functions[0].flat > 0.5 * top.total, 'it makes most of the memory');
			assert.ok(top.functions.every((f) => f.cum >= f.flat));
		}

		// An independent reading of the .pb.gz agrees on the sample types and the top function.
		const decoded = decodePprof(fs.readFileSync(inuse.pprof));
		assert.deepEqual(decoded.sampleTypes, ['inuse_objects/count', 'inuse_space/bytes']);
		const flat = [...decoded.flatByFunction(1)].sort((a, b) => b[1] - a[1]);
		assert.equal(flat[0][0], 'allocateOrders');
		assert.ok(decoded.functions.some((f) => f.name === 'allocateOrders' && f.file.endsWith('allocator.cjs') && f.startLine === allocatorLine));
		assert.ok(decoded.flatByFunction(0).get('allocateOrders')! > 0, 'object counts are filled in');

		// alloc mode keeps what was collected too: the short-lived garbage of churn() shows up there. Longer than one
		// drain of the sampler (every 5 s), so the file is the sum of pieces memtop read.
		const alloc = await profile(target.port, '--duration', '6', '--alloc', '--out', path.join(dir, 'alloc.heapprofile'));
		assert.equal(alloc.pprof, path.join(dir, 'alloc.pb.gz'));
		const allocTop = await analyze(alloc.pprof);
		assert.equal(allocTop.sampleType, 'alloc_space/bytes');
		assert.equal(allocTop.functions[0].name, 'allocateOrders');
		assert.ok((allocTop.functions.find((f) => f.name === 'churn')?.flat ?? 0) > 0, 'collected allocations are counted in alloc mode');

		// -base: a longer profile minus a shorter one shows the allocator growing.
		const short = await profile(target.port, '--duration', '1', '--out', path.join(dir, 'short.heapprofile'));
		const long = await profile(target.port, '--duration', '3', '--out', path.join(dir, 'long.heapprofile'));
		const diff = await analyze(long.heapprofile, '--base', short.heapprofile);
		assert.equal(diff.functions[0].name, 'allocateOrders');
		assert.ok(diff.functions[0].flat > 0);

		// memtop stopped its sampler: nothing is left running in the target.
		const client = await CDP({ target: target.wsUrl, local: true });
		await assert.rejects(client.send('HeapProfiler.getSamplingProfile'), /not started/);
		await client.close();
	} finally {
		await target.kill();
		fs.rmSync(dir, { recursive: true, force: true });
	}
});

test('profile: a sampler another client runs is left alone, with a clear error', async () => {
	const target = await startTarget('allocator.cjs');
	const client = await CDP({ target: target.wsUrl, local: true });
	try {
		await client.send('HeapProfiler.startSampling', { samplingInterval: 65536 });
		const run = await runCli(['profile', '--inspect', String(target.port), '--duration', '1', '--out-dir', os.tmpdir()]).done;
		assert.equal(run.code, 5, run.stderr);
		assert.match(run.stderr, /another tool .* running the target's sampling heap profiler/);
		const theirs = await client.send('HeapProfiler.stopSampling') as { profile: unknown };
		assert.ok(theirs.profile, 'the other client still owns a running sampler');
	} finally {
		await client.close();
		await target.kill();
	}
});

test('bad profile files: a clear message, exit 2', async () => {
	const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'memtop-badprof-'));
	try {
		const write = (name: string, content: string | Buffer) => (fs.writeFileSync(path.join(dir, name), content), path.join(dir, name));
		const { gzipSync } = await import('node:zlib');
		const emptyProfile = { head: { callFrame: { functionName: '(root)', scriptId: '0', url: '', lineNumber: -1, columnNumber: -1 }, selfSize: 0, id: 1, children: [] }, samples: [] };
		const cases: [string[], RegExp][] = [
			[[write('junk.pb.gz', gzipSync(Buffer.from('this is not a protobuf at all')))], /not a readable pprof profile/],
			[[write('nohead.heapprofile', '{"head": 5}')], /not a sampling heap profile/],
			[[write('cut.heapprofile', '{"head": {"callFrame": {')], /not valid JSON/],
			[[write('empty.heapprofile', JSON.stringify(emptyProfile))], /the profile is empty/],
			[[write('p.heapprofile', JSON.stringify(emptyProfile)), '--base', write('s.heapsnapshot', '{"snapshot":{}}')], /not a profile/],
		];
		for (const [args, message] of cases) {
			const run = await runCli(['analyze', ...args]).done;
			assert.equal(run.code, 2, `${args.join(' ')}: ${run.stderr}`);
			assert.match(run.stderr, message);
			assert.doesNotMatch(run.stderr, /\n\s+at /);
		}
	} finally {
		fs.rmSync(dir, { recursive: true, force: true });
	}
});
