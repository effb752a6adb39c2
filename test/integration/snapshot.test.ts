// Heap snapshots end to end: memtop snapshot against real targets, memtop analyze on what it wrote and on
// v8.writeHeapSnapshot files, diff and retainers, bad files, and capture faults.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import CDP from 'chrome-remote-interface';
import { fixture, startTarget } from '../helpers/target.js';
import { cliPath, runCli } from '../helpers/cli.js';

const tmpDir = () => fs.mkdtempSync(path.join(os.tmpdir(), 'memtop-snap-test-'));
const analyzeJson = async (...args: string[]) => {
	const run = await runCli(['analyze', ...args, '--json', '--top', '100000']).done;
	assert.equal(run.code, 0, run.stderr);
	return JSON.parse(run.stdout) as {
		nodes: number; edges: number; totalSize: number;
		constructors: { name: string; count: number; selfSize: number; retainedSize: number }[];
		diff?: { name: string; added?: number; removed?: number; countDelta: number; sizeDelta: number; isNew: boolean }[];
		diffMatchedById?: boolean;
	};
};
/** A target script that runs `fixture` after `change` (JavaScript run first in the target), written into dir. */
const changedTarget = (dir: string, name: string, change: string, script = 'sessions.cjs') => {
	const file = path.join(dir, name);
	fs.writeFileSync(file, `${change}\nrequire(${JSON.stringify(fixture(script))});\n`);
	return file;
};
/** Before Node 20.16 there is no process.getBuiltinModule: such a target cannot be asked to write the file itself. */
const NO_BUILTIN_MODULE = 'delete process.getBuiltinModule;';

const snapshot = async (port: number, dir: string) => {
	const run = await runCli(['snapshot', '--inspect', String(port), '--out-dir', dir]).done;
	assert.equal(run.code, 0, run.stderr);
	return run.stdout.trim();
};

test('snapshot: an owner-only file named by pid and time; analyze finds the known objects and their size', async () => {
	const dir = tmpDir();
	const target = await startTarget('sessions.cjs', ['1234', path.join(dir, 'v8.heapsnapshot')]);
	try {
		await target.waitFor(/^ready/);
		const file = await snapshot(target.port, dir);
		assert.match(path.basename(file), new RegExp(`^memtop-${target.child.pid}-\\d{8}-\\d{6}\\.heapsnapshot$`));
		assert.equal(path.dirname(file), fs.realpathSync(dir));
		assert.equal(fs.statSync(file).mode & 0o777, 0o600);
		assert.deepEqual(fs.readdirSync(dir).filter((f) => f.endsWith('.part')), []);

		const result = await analyzeJson(file);
		const sessions = result.constructors.find((c) => c.name === 'LeakySession');
		assert.equal(sessions?.count, 1234);
		// Each holds a unique 1000-character string that nothing else references.
		assert.ok(sessions.retainedSize >= 1234 * 1000, `retained ${sessions.retainedSize}`);
		assert.ok(sessions.retainedSize < 1234 * 1300, `retained ${sessions.retainedSize}`);
		assert.equal(result.constructors.reduce((sum, c) => sum + c.selfSize, 0), result.totalSize, 'shallow sizes add up to the total');
		assert.equal(target.child.exitCode, null, 'the target runs on');
		// What memtop's probe holds (its event-loop-delay histogram alone is ~360 KB) is a row of its own.
		const probe = result.constructors.find((c) => c.name === "(memtop's probe)");
		assert.ok(probe && probe.retainedSize > 300 * 1024, JSON.stringify(probe));
		// (Node's own Histogram class objects and caches, a few KB, stay: loading perf_hooks made them.)
		const histograms = result.constructors.filter((c) => /Histogram/i.test(c.name) && c.retainedSize > 10 * 1024);
		assert.deepEqual(histograms, [], 'the probe\'s histogram is counted as memtop\'s, not the program\'s');

		// The same objects in a snapshot V8 wrote itself.
		target.child.kill('SIGHUP');
		await target.waitFor(/^wrote/);
		const own = await analyzeJson(path.join(dir, 'v8.heapsnapshot'));
		assert.equal(own.constructors.find((c) => c.name === 'LeakySession')?.count, 1234);
		// memtop has detached: nothing of its probe is left in the target. (Node 22+ frees the native half of the
		// disabled histogram, "Node / IntervalHistogram", on a later GC than the one before this snapshot.)
		assert.deepEqual(own.constructors.filter((c) => c.name === "(memtop's probe)" || c.name === 'ELDHistogram'), []);
	} finally {
		await target.kill();
		fs.rmSync(dir, { recursive: true, force: true });
	}
});

test('diff by object id within one id space, by class across inspector sessions; retainer paths', async () => {
	const dir = tmpDir();
	const own = path.join(dir, 'v8-%.heapsnapshot');
	const target = await startTarget('sessions.cjs', ['300', path.join(dir, 'v8.heapsnapshot')]);
	try {
		await target.waitFor(/^ready/);
		// Snapshots V8 writes itself share one id space: objects are matched one by one.
		target.child.kill('SIGHUP');
		await target.waitFor(/^wrote 300/);
		fs.renameSync(path.join(dir, 'v8.heapsnapshot'), own.replace('%', '1'));
		target.child.kill('SIGUSR2');
		await target.waitFor(/^grown 800/);
		target.child.kill('SIGHUP');
		await target.waitFor(/^wrote 800/);
		const byId = await analyzeJson(path.join(dir, 'v8.heapsnapshot'), '--base', own.replace('%', '1'));
		assert.equal(byId.diffMatchedById, true);
		const row = byId.diff?.find((d) => d.name === 'LeakySession');
		assert.deepEqual({ added: row?.added, removed: row?.removed, countDelta: row?.countDelta, isNew: row?.isNew }, { added: 500, removed: 0, countDelta: 500, isNew: false });
		assert.ok(row!.sizeDelta > 0);

		// Two memtop snapshot runs are two inspector sessions: V8 reset the ids in between, and memtop says so.
		const first = await snapshot(target.port, dir);
		target.child.kill('SIGUSR2');
		await target.waitFor(/^grown 1300/);
		await new Promise((r) => setTimeout(r, 1100)); // file names have one-second resolution
		const second = await snapshot(target.port, dir);
		const bySession = await analyzeJson(second, '--base', first);
		assert.equal(bySession.diffMatchedById, false);
		const classRow = bySession.diff?.find((d) => d.name === 'LeakySession');
		assert.equal(classRow?.countDelta, 500);
		assert.equal(classRow?.added, undefined, 'no made-up added/removed counts');

		const text = await runCli(['analyze', second, '--retainers', 'LeakySession']).done;
		assert.equal(text.code, 0, text.stderr);
		const paths = text.stdout.split('\n').filter((line) => line.includes('LeakySession @'));
		assert.equal(paths.length, 5, text.stdout);
		for (const line of paths) assert.match(line, /\.keep → Object\.sessions → Map\{table\}.* → LeakySession @\d+$/);
	} finally {
		await target.kill();
		fs.rmSync(dir, { recursive: true, force: true });
	}
});

test('files that are not heap snapshots: a clear message, exit 2, no stack trace', async () => {
	const dir = tmpDir();
	const files: Record<string, string> = {
		'text.txt': 'hello',
		'other.json': '{"name": "not a snapshot", "nodes": []}',
		'empty.heapsnapshot': '',
		'truncated.heapsnapshot': '{"snapshot":{"meta":{"node_fields":["type","name","id","self_size","edge_count"],"node_types":[["hidden","object","synthetic"]],"edge_fields":["type","name_or_index","to_node"],"edge_types":[["element","property","weak","shortcut","internal","hidden"]]},"node_count":2,"edge_count":1},"nodes":[2,0,1,0,1,',
	};
	try {
		for (const [name, content] of Object.entries(files)) fs.writeFileSync(path.join(dir, name), content);
		const expectations: [string, RegExp][] = [
			['text.txt', /not a V8 heap snapshot: it does not start with "\{"/],
			['other.json', /"nodes" comes before the "snapshot" header|not a V8 heap snapshot/],
			['empty.heapsnapshot', /is empty/],
			['truncated.heapsnapshot', /truncated/],
			['missing.heapsnapshot', /no such file/],
			['.', /is a directory/],
		];
		for (const [name, message] of expectations) {
			const run = await runCli(['analyze', path.join(dir, name)]).done;
			assert.equal(run.code, 2, `${name}: ${run.stderr}`);
			assert.match(run.stderr, message, name);
			assert.doesNotMatch(run.stderr, /\n\s+at /, `${name}: no stack trace`);
		}
	} finally {
		fs.rmSync(dir, { recursive: true, force: true });
	}
});

test('a read-only file system is said as such, not as permission denied', { skip: process.getuid?.() !== 0 && 'needs root to mount a read-only tmpfs' }, async (t) => {
	const dir = tmpDir();
	t.after(() => {
		spawnSync('umount', [dir]);
		fs.rmSync(dir, { recursive: true, force: true });
	});
	const mounted = spawnSync('mount', ['-t', 'tmpfs', '-o', 'ro,size=1m', 'tmpfs', dir], { encoding: 'utf8' });
	assert.equal(mounted.status, 0, `mounting a read-only tmpfs: ${mounted.stderr}`);
	const target = await startTarget('sessions.cjs', ['10']);
	t.after(() => target.kill());
	await target.waitFor(/^ready/);
	const run = await runCli(['snapshot', '--inspect', String(target.port), '--out-dir', dir]).done;
	assert.equal(run.code, 5, run.stderr);
	assert.match(run.stderr, /it is on a read-only file system \(choose another with --out-dir\)/);
});

test('capture faults: a missing directory, a write that fails midway, a target that dies midway', async () => {
	const dir = tmpDir();
	// memtop's own writes fail here (a file size limit on memtop): the target must stream its snapshot to memtop.
	const target = await startTarget(changedTarget(os.tmpdir(), `memtop-old-node-${process.pid}.cjs`, NO_BUILTIN_MODULE), ['20000']);
	try {
		await target.waitFor(/^ready/);
		const missing = await runCli(['snapshot', '--inspect', String(target.port), '--out-dir', path.join(dir, 'nope')]).done;
		assert.equal(missing.code, 5, missing.stderr);
		assert.match(missing.stderr, /does not exist \(create it or choose another with --out-dir\)/);
		// Named with --out, the fix names --out.
		const named = await runCli(['snapshot', '--inspect', String(target.port), '--out', path.join(dir, 'nope', 'x.heapsnapshot')]).done;
		assert.equal(named.code, 5, named.stderr);
		assert.match(named.stderr, /does not exist \(create it or give --out a path in another directory\)/);

		// A file size limit makes writes fail partway (EFBIG), as a full disk would (ENOSPC): same path in memtop.
		const limited = spawn('bash', ['-c', `trap '' XFSZ; ulimit -f 256; exec "${process.execPath}" "${cliPath}" snapshot --inspect ${target.port} --out-dir "${dir}"`], { stdio: ['ignore', 'pipe', 'pipe'] });
		let stderr = '';
		limited.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
		const code = await new Promise((resolve) => limited.on('close', resolve));
		assert.equal(code, 5, stderr);
		assert.match(stderr, /file size limit.*partial file was removed/);
		assert.deepEqual(fs.readdirSync(dir).filter((f) => f !== 'nope'), [], 'nothing left behind');
		// The target was left as it was: another capture works.
		assert.match(await snapshot(target.port, dir), /\.heapsnapshot$/);
	} finally {
		await target.kill();
		fs.rmSync(path.join(os.tmpdir(), `memtop-old-node-${process.pid}.cjs`), { force: true });
	}

	// A file the target's V8 wrote but cut short (as a full disk leaves it: V8's writer cannot say so) is refused.
	const cut = await startTarget(changedTarget(os.tmpdir(), `memtop-cut-${process.pid}.cjs`, `const v8 = require('v8'); const write = v8.writeHeapSnapshot;
v8.writeHeapSnapshot = (file) => { write(file); require('fs').truncateSync(file, 1000); return file; };`), ['2000']);
	try {
		await cut.waitFor(/^ready/);
		const run = await runCli(['snapshot', '--inspect', String(cut.port), '--out-dir', dir]).done;
		assert.equal(run.code, 5, run.stderr);
		assert.match(run.stderr, /was not written \(it was cut short after 1000 bytes\); the partial file was removed/);
		assert.deepEqual(fs.readdirSync(dir).filter((f) => f.endsWith('.part')), []);
	} finally {
		await cut.kill();
		fs.rmSync(path.join(os.tmpdir(), `memtop-cut-${process.pid}.cjs`), { force: true });
	}

	const dying = await startTarget('sessions.cjs', ['150000']);
	try {
		await dying.waitFor(/^ready/);
		const run = runCli(['snapshot', '--inspect', String(dying.port), '--out-dir', dir]);
		const part = () => fs.readdirSync(dir).some((f) => f.endsWith('.part') && fs.statSync(path.join(dir, f)).size > 0);
		while (!part()) await new Promise((r) => setTimeout(r, 20));
		await dying.kill('SIGKILL');
		const result = await run.done;
		assert.equal(result.code, 5, result.stderr);
		assert.match(result.stderr, /target went away while the snapshot was being taken; the partial file was removed/);
		assert.deepEqual(fs.readdirSync(dir).filter((f) => f.endsWith('.part')), []);
	} finally {
		await dying.kill();
		fs.rmSync(dir, { recursive: true, force: true });
	}
});

test('Ctrl-C, SIGTERM or SIGHUP during memtop snapshot: exit 128+n, no partial file, the same --out works next, no probe left', async (t) => {
	const dir = tmpDir();
	t.after(() => fs.rmSync(dir, { recursive: true, force: true }));
	// A heap big enough that the snapshot takes a while to stream.
	const target = await startTarget('sessions.cjs', ['150000']);
	t.after(() => target.kill());
	await target.waitFor(/^ready/);
	const out = path.join(dir, 'x.heapsnapshot');
	for (const [signal, code] of [['SIGINT', 130], ['SIGTERM', 143], ['SIGHUP', 129]] as const) {
		const run = runCli(['snapshot', '--inspect', String(target.port), '--out', out]);
		// The partial file appears when the capture starts (progress is only drawn on a terminal).
		for (let i = 0; i < 500 && !fs.existsSync(`${out}.part`); i++) await new Promise((r) => setTimeout(r, 10));
		assert.ok(fs.existsSync(`${out}.part`), `${signal}: the capture started`);
		run.child.kill(signal);
		const done = await run.done;
		assert.equal(done.code, code, `${signal}: ${done.stderr}`);
		assert.match(done.stderr, new RegExp(`interrupted by ${signal}: the snapshot was not finished and the partial file was removed`));
		assert.deepEqual(fs.readdirSync(dir), [], `${signal}: nothing left in the folder`);
	}
	assert.equal(await snapshot(target.port, dir).then(() => 'written'), 'written');
	const again = await runCli(['snapshot', '--inspect', String(target.port), '--out', out]).done;
	assert.equal(again.code, 0, again.stderr);
	// The interrupted runs could not detach while the target was busy writing its snapshot; their probes remove
	// themselves when no reading comes for 30 s.
	await new Promise((r) => setTimeout(r, 32_000));
	const client = await CDP({ target: target.wsUrl, local: true });
	try {
		const { result } = await client.Runtime.evaluate({ expression: "Object.getOwnPropertySymbols(globalThis).map(String).filter((s) => s.includes('memtop')).length + Object.keys(globalThis).filter((k) => k.startsWith('__memtop')).length", returnByValue: true });
		assert.equal(result.value, 0, 'no probe, binding or tracer left');
	} finally {
		await client.close();
	}
});

test("a target on this machine has its own V8 write the snapshot; one that cannot is streamed: both whole, owner-only, the same objects", async (t) => {
	const dir = tmpDir();
	t.after(() => fs.rmSync(dir, { recursive: true, force: true }));
	const oldNode = changedTarget(dir, 'old-node.cjs', NO_BUILTIN_MODULE);
	for (const [script, how] of [['sessions.cjs', /\(written by the target's V8 on this machine\)/], [oldNode, /\(streamed over the inspector\)/]] as const) {
		const target = await startTarget(script, ['500', path.join(dir, 'unused.heapsnapshot')]);
		try {
			await target.waitFor(/^ready/);
			const run = await runCli(['snapshot', '--inspect', String(target.port), '--out-dir', dir]).done;
			assert.equal(run.code, 0, run.stderr);
			assert.match(run.stderr, how);
			const file = run.stdout.trim();
			assert.equal(fs.statSync(file).mode & 0o777, 0o600, 'owner-only, whoever wrote it');
			assert.deepEqual(fs.readdirSync(dir).filter((f) => f.endsWith('.part')), []);
			assert.equal((await analyzeJson(file)).constructors.find((c) => c.name === 'LeakySession')?.count, 500);
			assert.equal(target.child.exitCode, null, 'the target runs on');
		} finally {
			await target.kill();
		}
	}
});
