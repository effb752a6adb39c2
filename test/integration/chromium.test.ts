// Headless Chromium (Debian's chromium, installed by .ci/run) over the same protocol: its pages are listed
// as targets, read without injecting anything (JS heap, DOM nodes, listeners), never with figures a page does not
// have, and a heap snapshot of a page holds that page's objects.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { fixture } from '../helpers/target.js';
import { runCli } from '../helpers/cli.js';
import { announced } from '../helpers/announced.js';
import { setTimeout as sleep } from 'node:timers/promises';
import { needs } from '../helpers/tools.js';

async function startChromium(urls: string[]): Promise<{ child: ChildProcess; port: number; profile: string }> {
	const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'memtop-chromium-'));
	// The flags keep a headless Chromium off the network this machine does not have (see the env notes).
	const child = spawn('chromium', ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
		'--disable-component-update', '--disable-sync', `--user-data-dir=${profile}`, '--remote-debugging-address=127.0.0.1', '--remote-debugging-port=0', ...urls], { stdio: ['ignore', 'ignore', 'pipe'], detached: true });
	const port = Number((await announced(child, /DevTools listening on ws:\/\/127\.0\.0\.1:(\d+)\//, 'chromium'))[1]);
	return { child, port, profile };
}

/** Chromium runs as a process group (browser, zygote, renderers), started detached: the whole group is stopped. */
async function stop(browser: { child: ChildProcess; profile: string }) {
	const group = (signal: NodeJS.Signals) => {
		try {
			process.kill(-browser.child.pid!, signal);
		} catch {
			// the group is gone already
		}
	};
	if (browser.child.exitCode === null && browser.child.signalCode === null) {
		const exited = once(browser.child, 'exit');
		group('SIGTERM');
		const force = setTimeout(() => group('SIGKILL'), 5000);
		await exited;
		clearTimeout(force);
	}
	group('SIGKILL'); // a helper that outlived the browser would go on writing to the profile
	fs.rmSync(browser.profile, { recursive: true, force: true, maxRetries: 10, retryDelay: 200 });
}

const page = (n: number) => `${pathToFileURL(fixture('page.html')).href}?n=${n}`;

/** Wait until the browser lists a page with this title: its script has run (a busy machine loads it slowly). */
async function pageTitled(port: number, title: string): Promise<void> {
	let titles: string[] = [];
	for (let i = 0; i < 100 && !titles.includes(title); i++) {
		titles = ((await (await fetch(`http://127.0.0.1:${port}/json/list`)).json()) as { title: string }[]).map((t) => t.title);
		if (!titles.includes(title)) await sleep(100);
	}
	assert.ok(titles.includes(title), `a page titled "${title}": ${JSON.stringify(titles)}`);
}

test('Chromium: each page is a target of its own, with its JS heap and DOM, and no figure a page does not have', needs('chromium'), async () => {
	const browser = await startChromium([page(1)]);
	// Headless Chromium takes one URL on its command line; a second tab is opened through its own endpoint.
	assert.equal((await fetch(`http://127.0.0.1:${browser.port}/json/new?${page(2)}`, { method: 'PUT' })).status, 200);
	const run = runCli(['--inspect', String(browser.port), '--json', '--interval', '300', '--no-sampling']);
	try {
		const titles = () => run.lines().filter((l) => l.type === 'target').map((l) => l.title as string).sort();
		for (let i = 0; i < 100 && titles().length < 2; i++) await new Promise((r) => setTimeout(r, 100));
		assert.deepEqual(titles(), ['memtop page 1', 'memtop page 2'], 'both pages, and not the browser\'s own UI');
		const target = run.lines().find((l) => l.type === 'target')!;
		assert.equal(target.runtime, 'browser');
		assert.match(target.nodeVersion as string, /Chrome\/\d+/);
		assert.equal(target.pid, undefined, 'a page cannot see its renderer\'s pid: none is made up');
		const sample = await run.waitForLine((l) => l.type === 'sample' && l.target === target.target && !l.gap);
		assert.equal((sample.dom as { listeners: number }).listeners, 200, 'the page\'s 200 click listeners');
		assert.ok((sample.dom as { nodes: number }).nodes >= 200);
		assert.ok((sample.heapUsed as number) > 0 && (sample.heapUsed as number) <= (sample.heapTotal as number));
		for (const absent of ['rss', 'heapLimit', 'external', 'gc', 'handles', 'loopDelay', 'allocRate', 'cpuPercent']) assert.ok(!(absent in sample), `${absent} must be absent for a page: ${JSON.stringify(sample)}`);
	} finally {
		run.child.kill('SIGINT');
		const { code } = await run.done;
		await stop(browser);
		assert.equal(code, 0);
	}
});

test('Chromium: a heap snapshot of one page (chosen by --target) holds that page\'s objects', needs('chromium'), async () => {
	const browser = await startChromium([page(1)]);
	const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'memtop-page-snap-'));
	try {
		await pageTitled(browser.port, 'memtop page 1');
		const snap = await runCli(['snapshot', '--inspect', String(browser.port), '--target', 'memtop page 1', '--out-dir', dir]).done;
		assert.equal(snap.code, 0, snap.stderr);
		const analysis = await runCli(['analyze', snap.stdout.trim(), '--json']).done;
		assert.equal(analysis.code, 0, analysis.stderr);
		const row = (JSON.parse(analysis.stdout).constructors as { name: string; count: number }[]).find((c) => c.name === 'PageHeld');
		assert.equal(row?.count, 3000);
	} finally {
		await stop(browser);
		fs.rmSync(dir, { recursive: true, force: true });
	}
});
