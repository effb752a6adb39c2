// The live allocation top on a real pseudo-terminal against a target with a known allocator: both modes, both
// units, node internals folded, the list view with the target's own source, p writing both profile files, and
// the sampler's owner respected (another tool's sampler, --no-sampling).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import CDP from 'chrome-remote-interface';
import { Terminal } from '../helpers/tmux.js';
import { cliPath } from '../helpers/cli.js';
import { fixture, startTarget } from '../helpers/target.js';
import { decodePprof } from '../helpers/pprof-decode.js';
import { needs } from '../helpers/tools.js';

const source = fs.readFileSync(fixture('allocator.cjs'), 'utf8').split('\n');
const lineOf = (text: string) => source.findIndex((l) => l.includes(text)) + 1; // 1-based, as editors number
/** The top's rows on a screen: the ones with a flat% column. */
const rowsOf = (screen: string) => screen.split('\n').filter((l) => /^[› ] +[\d,.]+( \S*B)? +[\d.]+% +[\d.]+%/.test(l));
/** Poll until the top's first row names fn, so a read that has not come yet is waited for. */
const waitForFirst = (term: Terminal, fn: RegExp) => term.waitFor(new RegExp(`flat%\\s+sum%.*\\n[› ] .*${fn.source}`));

test('allocation top: the known allocator first in use and allocated, in bytes and objects, its list and source, p writes both files', needs('tmux'), async () => {
	const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'memtop-top-'));
	const target = await startTarget('allocator.cjs');
	await target.waitFor(/^ready/);
	const where = `allocateOrders allocator\\.cjs:${lineOf('function allocateOrders')}\\b`;
	const term = Terminal.start(`node ${cliPath} --inspect ${target.port} --sample-interval 32768 --out-dir ${dir}`, 130, 40);
	try {
		await term.waitFor(/● live/);
		// Sampling runs from the moment memtop attaches: the now panel has the allocator before t is pressed.
		await term.waitFor(/in use by\s+\S+ \S*B sampled[\s\S]*allocateOrders/);

		term.keys('t');
		let screen = await waitForFirst(term, new RegExp(where));
		assert.match(screen, /Allocations in use \(sampled\), by function, in bytes/);
		assert.match(screen, /growth\/min/);

		term.keys('o');
		screen = await term.waitFor(/in objects/);
		assert.match(rowsOf(screen)[0], new RegExp(`^› +[\\d,]+ +[\\d.]+%.*${where}`), 'objects are counts, not bytes');
		term.keys('o');

		// Allocated: the sampler restarts keeping collected objects; churn's short-lived garbage now counts.
		term.keys('m');
		screen = await term.waitFor(/allocated over the window[\s\S]*per min[\s\S]*churn allocator\.cjs/);
		assert.match(rowsOf(screen)[0], new RegExp(where), screen);
		assert.match(screen, /\bsince \d\d:\d\d:\d\d/);

		term.keys('i');
		screen = await term.waitFor(/internals folded into callers/);
		assert.ok(!rowsOf(screen).some((r) => /\s(timers|async_hooks|errors):\d+$|(?<!\(node internals\)) \(native\)$/.test(r.trimEnd())), `no node: or builtin frames once folded:\n${screen}`);

		// Enter on the first row: pprof's list, with the target's source and the figures at the function's line.
		term.keys('Enter');
		screen = await term.waitFor(/list allocateOrders[\s\S]*function allocateOrders\(n\) \{/);
		const fnLine = screen.split('\n').find((l) => l.includes('function allocateOrders(n) {'))!;
		assert.match(fnLine, new RegExp(`[\\d.]+ \\S*B +[\\d.]+ \\S*B +${lineOf('function allocateOrders')}  function allocateOrders`), fnLine);
		assert.match(screen, new RegExp(`called from\\n +\\S+ \\S*B +100\\.0%  \\(anonymous\\) allocator\\.cjs:${lineOf('setInterval(')}`), screen);
		term.keys('Escape');
		await term.waitFor(/flat%\s+sum%/);

		term.keys('p');
		screen = await term.waitFor(/wrote memtop-\d+-\d{8}-\d{6}\.heapprofile \(DevTools\) and memtop-\d+-\d{8}-\d{6}\.pb\.gz/);
		const written = fs.readdirSync(dir).sort();
		assert.deepEqual(written.map((f) => f.replace(/\d{8}-\d{6}/, 'T')), [`memtop-${target.child.pid}-T.heapprofile`, `memtop-${target.child.pid}-T.pb.gz`]);
		for (const file of written) assert.equal(fs.statSync(path.join(dir, file)).mode & 0o777, 0o600);
		const decoded = decodePprof(fs.readFileSync(path.join(dir, written[1])));
		assert.deepEqual(decoded.sampleTypes, ['alloc_objects/count', 'alloc_space/bytes']);
		assert.equal([...decoded.flatByFunction(1)].sort((a, b) => b[1] - a[1])[0][0], 'allocateOrders');
		const heapprofile = JSON.parse(fs.readFileSync(path.join(dir, written[0]), 'utf8')) as { head: { children: unknown[] } };
		assert.ok(heapprofile.head.children.length > 0, 'the .heapprofile holds the summed tree');

		term.keys('q');
		await term.waitFor(/EXITED 0/);
		const client = await CDP({ target: target.wsUrl, local: true });
		await assert.rejects(client.send('HeapProfiler.getSamplingProfile'), /not started/, 'memtop stopped its sampler when it detached');
		await client.close();
	} finally {
		term.close();
		await target.kill();
		fs.rmSync(dir, { recursive: true, force: true });
	}
});

test('allocation top: another tool\'s sampler is left alone and said so, and taken once that tool is done; --no-sampling starts none', needs('tmux'), async () => {
	const target = await startTarget('allocator.cjs');
	await target.waitFor(/^ready/);
	const other = await CDP({ target: target.wsUrl, local: true });
	const term = Terminal.start(`node ${cliPath} --inspect ${target.port}`, 130, 40);
	let plain: Terminal | undefined;
	try {
		await other.send('HeapProfiler.startSampling', { samplingInterval: 65536 });
		await term.waitFor(/● live/);
		term.keys('t');
		await term.waitFor(/no allocation top: another tool .* is running the target's sampling heap profiler/);
		const kept = await other.send('HeapProfiler.getSamplingProfile') as { profile: { head: unknown } };
		assert.ok(kept.profile.head, 'the other tool\'s sampler still runs');
		// The other tool is done: memtop, asking again, gets the sampler and shows its top.
		await other.send('HeapProfiler.stopSampling');
		await waitForFirst(term, /allocateOrders/);
		term.keys('q');
		await term.waitFor(/EXITED 0/);
		await assert.rejects(other.send('HeapProfiler.getSamplingProfile'), /not started/, 'memtop stopped the sampler it started');

		plain = Terminal.start(`node ${cliPath} --inspect ${target.port} --no-sampling`, 130, 40);
		await plain.waitFor(/heap used\s+\d/);
		await assert.rejects(other.send('HeapProfiler.getSamplingProfile'), /not started/, 'no sampler while attached with --no-sampling');
		plain.keys('t');
		await plain.waitFor(/allocation sampling is off \(--no-sampling\)/);
		plain.keys('q');
		await plain.waitFor(/EXITED 0/);
	} finally {
		term.close();
		plain?.close();
		await other.close();
		await target.kill();
	}
});
