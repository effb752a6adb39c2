// --prometheus against real targets: /metrics carries each target's figures (checked against what the target
// says of itself), promtool accepts the live page, and a real Prometheus server scrapes it.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import net from 'node:net';
import { once } from 'node:events';
import { setTimeout as sleep } from 'node:timers/promises';
import { runCli, cliPath, type CliRun } from '../helpers/cli.js';
import { startTarget } from '../helpers/target.js';
import { freePortRun } from '../helpers/ports.js';
import { Terminal } from '../helpers/tmux.js';
import { needs } from '../helpers/tools.js';
import { promtoolComplaints } from '../helpers/promtool.js';

/** The metrics URL memtop prints on stderr once it serves. */
async function metricsUrl(run: CliRun): Promise<string> {
	for (let i = 0; i < 100; i++) {
		const match = /serving Prometheus metrics on (http:\/\/\S+)/.exec(run.stderr());
		if (match) return match[1];
		await sleep(100);
	}
	throw new Error(`memtop never said where it serves metrics: ${run.stderr()}`);
}

/** The page, once it has a line matching re (or once `holds` is true of it). */
async function scrapeUntil(url: string, re: RegExp | ((text: string) => boolean), what = String(re)): Promise<string> {
	const holds = typeof re === 'function' ? re : (text: string) => re.test(text);
	let text = '';
	for (let i = 0; i < 100 && !holds(text); i++) {
		text = await (await fetch(url)).text();
		if (!holds(text)) await sleep(200);
	}
	assert.ok(holds(text), `${what} never held of\n${text}`);
	return text;
}

/** A target's figure on the page, or undefined while it has none. */
const figure = (text: string, name: string, pid: number) => {
	const line = text.split('\n').find((l) => l.startsWith(`${name}{pid="${pid}"`));
	return line === undefined ? undefined : Number(line.split(' ').at(-1));
};

const value = (text: string, name: string, pid: number, extra = '') => {
	const line = text.split('\n').find((l) => l.startsWith(`${name}{pid="${pid}"`) && l.includes(extra));
	assert.ok(line, `${name} for pid ${pid} (${extra}) in\n${text}`);
	return Number(line.split(' ').at(-1));
};

test('/metrics: every target of the run with its own figures, GC pauses by kind, and promtool accepts it', needs('promtool'), async () => {
	const steady = await startTarget('steady.cjs');
	const churn = await startTarget('churn.cjs');
	const run = runCli(['--inspect', String(steady.port), '--inspect', String(churn.port), '--json', '--interval', '300', '--prometheus', '127.0.0.1:0']);
	try {
		const url = await metricsUrl(run);
		const churnPid = churn.child.pid!;
		const steadyPid = steady.child.pid!;
		const text = await scrapeUntil(url, new RegExp(`nodejs_gc_duration_seconds_count\\{pid="${churnPid}".*kind="minor"\\} [1-9]`));
		steady.child.kill('SIGUSR2');
		const report = JSON.parse((await steady.waitFor(/^REPORT/)).slice(7));
		const page = await scrapeUntil(url, new RegExp(`nodejs_heap_size_used_bytes\\{pid="${steadyPid}"`));
		// The idle target's own numbers and ours, a moment apart, agree closely: under prom-client's names.
		const heap = value(page, 'nodejs_heap_size_used_bytes', steadyPid);
		assert.ok(Math.abs(heap - report.memory.heapUsed) < report.memory.heapUsed * 0.15, `heap ${heap} vs ${report.memory.heapUsed}`);
		const rss = value(page, 'process_resident_memory_bytes', steadyPid);
		assert.ok(Math.abs(rss - report.memory.rss) < report.memory.rss * 0.15, `rss ${rss} vs ${report.memory.rss}`);
		assert.ok(value(page, 'memtop_array_buffers_bytes', steadyPid) >= 32 * 1024 * 1024);
		assert.equal(value(page, 'nodejs_active_handles', steadyPid, 'type="Timeout"'), report.resources.Timeout);
		assert.equal(value(page, 'nodejs_active_handles_total', steadyPid), Object.values(report.resources as Record<string, number>).reduce((a, b) => a + b, 0));
		assert.equal(value(page, 'nodejs_version_info', steadyPid, `version="${report.version}"`), 1);
		const started = value(page, 'process_start_time_seconds', steadyPid);
		assert.ok(Math.abs(started - (Date.now() / 1000 - report.uptime)) < 5, `started ${started}`);
		assert.equal(value(page, 'memtop_target_up', steadyPid), 1);
		// Counters only grow: CPU time, and the bytes churn allocates (~40 MB/s: rate() over two scrapes shows it).
		const cpu = value(page, 'process_cpu_seconds_total', churnPid);
		const allocated = value(page, 'memtop_allocated_bytes_total', churnPid);
		const t0 = Date.now();
		const later = await scrapeUntil(url, (t) => (figure(t, 'memtop_allocated_bytes_total', churnPid) ?? 0) > allocated + 10 * 1024 * 1024, 'churn allocating 10 MB more');
		assert.ok(value(later, 'process_cpu_seconds_total', churnPid) > cpu, 'churn spent CPU time');
		const rate = (value(later, 'memtop_allocated_bytes_total', churnPid) - allocated) / ((Date.now() - t0) / 1000);
		assert.ok(rate > 5 * 1024 * 1024, `allocation rate from the counter: ${rate} B/s`);
		// Buckets only grow with le, and +Inf is the count.
		const buckets = text.split('\n').filter((l) => l.startsWith(`nodejs_gc_duration_seconds_bucket{pid="${churnPid}"`) && l.includes('kind="minor"')).map((l) => Number(l.split(' ').at(-1)));
		assert.deepEqual(buckets, [...buckets].sort((a, b) => a - b));
		assert.equal(buckets.at(-1), value(text, 'nodejs_gc_duration_seconds_count', churnPid, 'kind="minor"'));
		assert.match(page, /^memtop_targets 2$/m);
		assert.deepEqual(promtoolComplaints(page), [], 'promtool accepts the live page');
		assert.equal((await fetch(url.replace('/metrics', '/other'))).status, 404);
		// The address opened in a browser says where the metrics are.
		const index = await fetch(url.replace('/metrics', '/'));
		assert.equal(index.status, 200);
		assert.match(await index.text(), /<a href="\/metrics">/);
		// HEAD as GET, without the body.
		const head = await fetch(url, { method: 'HEAD' });
		assert.equal(head.status, 200);
		assert.ok(Number(head.headers.get('content-length')) > 1000, 'the length of the page a GET would give');
		assert.equal(await head.text(), '');
	} finally {
		run.child.kill('SIGINT');
		const { code } = await run.done;
		await Promise.all([steady.kill(), churn.kill()]);
		assert.equal(code, 0);
	}
});

test('a real Prometheus server scrapes memtop and can query a target\'s heap', needs('prometheus'), async () => {
	const target = await startTarget('steady.cjs');
	const [metricsPort, serverPort] = [await freePortRun(1), await freePortRun(1)];
	const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'memtop-prom-'));
	fs.writeFileSync(path.join(dir, 'prometheus.yml'), [
		'global: { scrape_interval: 1s }',
		'scrape_configs:',
		'  - job_name: memtop',
		`    static_configs: [{ targets: ["127.0.0.1:${metricsPort}"] }]`,
	].join('\n'));
	const run = runCli(['--inspect', String(target.port), '--json', '--interval', '500', '--prometheus', `127.0.0.1:${metricsPort}`]);
	const server = spawn('prometheus', [`--config.file=${path.join(dir, 'prometheus.yml')}`, `--storage.tsdb.path=${path.join(dir, 'data')}`, `--web.listen-address=127.0.0.1:${serverPort}`], { stdio: 'ignore' });
	try {
		const query = `http://127.0.0.1:${serverPort}/api/v1/query?query=${encodeURIComponent(`nodejs_heap_size_used_bytes{pid="${target.child.pid}"}`)}`;
		let result: { value: [number, string] }[] = [];
		for (let i = 0; i < 150 && result.length === 0; i++) {
			await sleep(200);
			const answer = await fetch(query).then((r) => r.json() as Promise<{ data?: { result: { value: [number, string] }[] } }>).catch(() => undefined);
			result = answer?.data?.result ?? [];
		}
		assert.equal(result.length, 1, 'Prometheus has the series for the target');
		assert.ok(Number(result[0].value[1]) > 1024 * 1024, `heap used ${result[0].value[1]}`);
	} finally {
		server.kill();
		run.child.kill('SIGINT');
		await Promise.all([run.done, once(server, 'exit'), target.kill()]);
		fs.rmSync(dir, { recursive: true, force: true });
	}
});

test('--prometheus on a port already taken: exit 2, naming the port and the fix', async () => {
	const holder = net.createServer().listen(0, '127.0.0.1');
	await once(holder, 'listening');
	const port = (holder.address() as net.AddressInfo).port;
	const target = await startTarget('steady.cjs');
	try {
		const { code, stderr } = await runCli(['--inspect', String(target.port), '--json', '--prometheus', String(port)]).done;
		assert.equal(code, 2, stderr);
		assert.match(stderr, new RegExp(`--prometheus: port ${port} on 127\\.0\\.0\\.1 is already taken`));
		assert.equal(target.child.exitCode, null, 'the target is left running');
	} finally {
		holder.close();
		await target.kill();
	}
});

test('--prometheus with the screen: the process list says where metrics are served, and that page has the target', needs('tmux'), async () => {
	const target = await startTarget('steady.cjs');
	// Port 0: the system chooses, so the screen is the only place the user can learn the port from.
	const term = Terminal.start(`node ${cliPath} --inspect ${target.port} --interval 300 --prometheus 127.0.0.1:0`, 160, 24);
	try {
		await term.waitFor(new RegExp(`pid ${target.child.pid}\\b.*● live`));
		term.keys('Escape');
		const screen = await term.waitFor(/targets 1 live.*metrics http:\/\/127\.0\.0\.1:\d+\/metrics/);
		const url = /metrics (http:\/\/\S+)/.exec(screen)![1];
		assert.notEqual(new URL(url).port, '0');
		const page = await scrapeUntil(url, (text) => figure(text, 'nodejs_heap_size_used_bytes', target.child.pid!) !== undefined, 'the target\'s heap on the page');
		assert.ok(figure(page, 'nodejs_heap_size_used_bytes', target.child.pid!)! > 0);
		term.keys('q');
		await term.waitFor(/EXITED 0/);
		await assert.rejects(fetch(url), 'the page is gone once memtop quits');
	} finally {
		term.close();
		await target.kill();
	}
});
