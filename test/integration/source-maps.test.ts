// A TypeScript build with source maps (test/fixtures/ts-leak, compiled here by the project's tsc): memtop names
// the .ts file and line in the live top and its suspects, `list`'s source, the pprof export and `memtop profile`;
// an inline map works as a map file does; a missing map leaves JavaScript locations and says so once.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { fixture, startTarget } from '../helpers/target.js';
import { runCli } from '../helpers/cli.js';
import { decodePprof } from '../helpers/pprof-decode.js';
import { Monitor } from '../../source/watch/monitor.js';
import { LiveTop } from '../../source/watch/live-top.js';
import { endpointOf } from '../helpers/watch.js';

const tsc = fileURLToPath(new URL('../../node_modules/typescript/bin/tsc', import.meta.url));
const source = fixture('ts-leak/src/app.ts');
/** The 1-based line of the leaking function in the TypeScript, read from it rather than written down. */
const tsLine = fs.readFileSync(source, 'utf8').split('\n').findIndex((l) => l.startsWith('function cacheResponse')) + 1;

/** Build the fixture into a temp folder: a .js.map beside the script, or the map inline. */
function build(t: { after(fn: () => void): void }, inline = false): { dir: string; app: string } {
	const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'memtop-ts-'));
	t.after(() => fs.rmSync(dir, { recursive: true, force: true }));
	execFileSync(process.execPath, [tsc, '-p', fixture('ts-leak'), '--outDir', dir, ...(inline ? ['--sourceMap', 'false', '--inlineSourceMap', 'true'] : [])]);
	return { dir, app: path.join(dir, 'app.js') };
}

test('the live top and its list name the TypeScript function, file and line, with the .ts source', async (t) => {
	const { app } = build(t);
	const jsLine = fs.readFileSync(app, 'utf8').split('\n').findIndex((l) => l.startsWith('function cacheResponse')) + 1;
	assert.notEqual(jsLine, tsLine, 'the build moves the function: the test can tell the two apart');
	const { top, stop } = await liveTopOf(app);
	try {
		const row = await until(() => top.status.top?.functions.find((f) => f.name === 'cacheResponse'));
		assert.ok(row.url.endsWith('/ts-leak/src/app.ts'), row.url);
		assert.equal(row.line, tsLine);
		await top.openList(row);
		const list = await until(() => (top.status.list?.source ? top.status.list : undefined));
		assert.equal(list.source![tsLine - 1], fs.readFileSync(source, 'utf8').split('\n')[tsLine - 1], 'list shows the .ts line');
		assert.equal(top.status.sourceMaps, undefined, 'nothing to say: the map was read');
	} finally {
		await stop();
	}
});

test('memtop profile writes the .ts file and line into the pprof export and its printed top; an inline map works too', async (t) => {
	for (const inline of [false, true]) {
		const { dir, app } = build(t, inline);
		const target = await startTarget(app);
		try {
			await target.waitFor(/^ready/);
			// One sample per 4 KiB: the leak keeps about 60 KB a second, and at 32 KiB a run slowed by a loaded machine
			// once kept no sample at all in its 3 s (CI, Node 26 target: "total 0 B").
			const run = await runCli(['profile', '--inspect', String(target.port), '--duration', '3', '--sample-interval', '4096', '--out-dir', dir]).done;
			assert.equal(run.code, 0, run.stderr);
			assert.match(run.stderr, new RegExp(`cacheResponse\\s+app\\.ts:${tsLine}`), `inline ${inline}: ${run.stderr}`);
			const pprof = run.stdout.trim().split('\n')[1];
			const fn = decodePprof(fs.readFileSync(pprof)).functions.find((f) => f.name === 'cacheResponse');
			assert.ok(fn?.file.endsWith('/ts-leak/src/app.ts'), `inline ${inline}: ${fn?.file}`);
			assert.equal(fn.startLine, tsLine);
		} finally {
			await target.kill();
		}
	}
});

test('a script whose map is missing keeps its JavaScript location, and memtop says so once', async (t) => {
	const { app } = build(t);
	fs.rmSync(`${app}.map`);
	const jsLine = fs.readFileSync(app, 'utf8').split('\n').findIndex((l) => l.startsWith('function cacheResponse')) + 1;
	const { top, stop } = await liveTopOf(app);
	try {
		const row = await until(() => top.status.top?.functions.find((f) => f.name === 'cacheResponse'));
		assert.ok(row.url.endsWith('app.js'), row.url);
		assert.equal(row.line, jsLine);
		assert.match(top.status.sourceMaps ?? '', /^app\.js: its map app\.js\.map could not be read \(ENOENT\); its JavaScript locations are shown$/);
	} finally {
		await stop();
	}
});

/** The built app started with an inspector, and a live top sampling it finely; stop() ends all three. */
async function liveTopOf(app: string): Promise<{ top: LiveTop; stop(): Promise<void> }> {
	const target = await startTarget(app);
	const monitor = new Monitor(endpointOf(target.port), 500, 5000);
	const top = new LiveTop(monitor, os.tmpdir(), 32 * 1024);
	const stop = async () => {
		top.stop();
		await monitor.stop();
		await target.kill();
	};
	try {
		await target.waitFor(/^ready/);
		await monitor.start();
		top.start();
		return { top, stop };
	} catch (error) {
		await stop();
		throw error;
	}
}

/** Poll until the value is there (the top reads every few seconds); the test runner's timeout bounds it. */
async function until<T>(get: () => T | undefined): Promise<T> {
	for (;;) {
		const value = get();
		if (value !== undefined) return value;
		await new Promise((resolve) => setTimeout(resolve, 200));
	}
}
