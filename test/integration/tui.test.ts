// The real CLI on a real pseudo-terminal (tmux) against real targets: what a person sees and types.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import CDP from 'chrome-remote-interface';
import { Terminal } from '../helpers/tmux.js';
import { cliPath, runCli } from '../helpers/cli.js';
import { fixture, startTarget } from '../helpers/target.js';
import { needs } from '../helpers/tools.js';

const alive = (pid: number) => {
	try {
		process.kill(pid, 0);
		return true;
	} catch {
		return false;
	}
};

test('spawn mode: live screen, keys from the keymap, resize, and q stops the child', needs('tmux'), async (t) => {
	const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'memtop-tui-'));
	t.after(() => fs.rmSync(dir, { recursive: true, force: true }));
	const term = Terminal.start(`node ${cliPath} --interval 500 --out-dir ${dir} -- node ${fixture('churn.cjs')}`);
	try {
		let screen = await term.waitFor(/● live/);
		const pid = Number(/pid (\d+)/.exec(screen)![1]);
		assert.ok(alive(pid));
		screen = await term.waitFor(/alloc rate\s+\d+(\.\d)? MiB\/s/);
		assert.match(screen, /churn\.cjs/);
		assert.match(screen, /log \S*memtop-/);

		term.keys('g');
		screen = await term.waitFor(/forced a full GC/);
		await term.waitFor(/after major\s+\d/);
		assert.match(term.screen().split('\n').find((l) => l.includes('┤') || l.includes('┼'))!, /G/, 'the forced GC is marked on the top chart row');

		term.keys('?');
		screen = await term.waitFor(/memtop keys/);
		assert.match(screen, /force a full GC/);
		term.keys('x');
		await term.waitFor(/^(?![\s\S]*memtop keys)[\s\S]*Memory/);

		term.keys('Space');
		await term.waitFor(/● frozen/);
		term.keys('Space');
		await term.waitFor(/● live/);

		term.type('+');
		await term.waitFor(/window 10m00s/);
		term.type('-');
		await term.waitFor(/window 5m00s/);
		term.type('-');
		await term.waitFor(/window 2m00s/);

		term.resize(50, 12);
		await term.waitFor(/Terminal too small: 50×12/);
		// Only q acts there: s must not start a snapshot nobody sees.
		term.keys('s');
		await new Promise((r) => setTimeout(r, 1500));
		term.resize(120, 40);
		await term.waitFor(/GC pause per interval/);
		assert.doesNotMatch(term.screen(), /snapshot/i);
		assert.deepEqual(fs.readdirSync(dir), [], 'no snapshot was taken');

		term.keys('q');
		await term.waitFor(/EXITED 0/);
		for (let i = 0; i < 50 && alive(pid); i++) await new Promise((r) => setTimeout(r, 100));
		assert.equal(alive(pid), false, 'the spawned child was stopped');
	} finally {
		term.close();
	}
});

test('attach mode: a killed target is shown disconnected with history kept, and a restart on the same port comes back', needs('tmux'), async () => {
	const first = await startTarget('steady.cjs');
	const port = first.port;
	const term = Terminal.start(`node ${cliPath} --inspect ${port} --interval 300`);
	let second: Awaited<ReturnType<typeof startTarget>> | undefined;
	try {
		await term.waitFor(new RegExp(`pid ${first.child.pid}[\\s\\S]*● live`));
		await term.waitFor(/heap used\s+\d/);
		await first.kill('SIGKILL');
		let screen = await term.waitFor(/● disconnected/);
		assert.match(screen, /heap used\s+\d/, 'the last values and charts stay on screen');
		second = await startTarget('steady.cjs', [], port);
		screen = await term.waitFor(new RegExp(`pid ${second.child.pid}[\\s\\S]*● live`));
		assert.ok(screen.split('\n').some((l) => /[┤┼].*R/.test(l)), `a restart marker R on the charts:\n${screen}`);
		term.keys('q');
		await term.waitFor(/EXITED 0/);
		assert.equal(second.child.exitCode, null, 'an attached (not spawned) target keeps running after q');
	} finally {
		term.close();
		await first.kill();
		await second?.kill();
	}
});

test('s takes a snapshot: progress, then the report; a second one opens on the diff; enter shows retainers', needs('tmux'), async () => {
	const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'memtop-tui-snap-'));
	const term = Terminal.start(`node ${cliPath} --interval 500 --out-dir ${dir} -- node ${fixture('sessions.cjs')} 2000`, 130, 40);
	try {
		await term.waitFor(/● live/);
		term.keys('s');
		let screen = await term.waitFor(/Heap snapshot memtop-\d+-\d{8}-\d{6}\.heapsnapshot/);
		assert.match(screen, /› .*\S/, 'a row is selected');
		assert.match(screen, /Diff: press s again later/);
		assert.match(screen, /LeakySession\s+2,000\s/);
		assert.match(screen, /esc\s+back/, 'the footer shows the report keys');

		// Select LeakySession and open its retainers.
		const rows = screen.split('\n').filter((l) => /^\s*(›\s)?\S.*\d+(\.\d)?%\s*$/.test(l));
		const index = rows.findIndex((l) => l.includes('LeakySession'));
		for (let i = 0; i < index; i++) term.keys('Down');
		await term.waitFor(/› LeakySession/);
		term.keys('Enter');
		screen = await term.waitFor(/Largest LeakySession instances/);
		assert.match(screen, /\.keep → Object\.sessions → Map\{table\}/);
		term.keys('Escape');
		await term.waitFor(/› LeakySession/);
		term.keys('Escape');
		await term.waitFor(/Memory/);

		// The same session: ids match, so the second snapshot is diffed object by object.
		await new Promise((r) => setTimeout(r, 1100));
		term.keys('s');
		screen = await term.waitFor(/Diff vs memtop-/);
		assert.match(screen, /# New\s+# Deleted/);
		assert.equal(fs.readdirSync(dir).filter((f) => f.endsWith('.heapsnapshot')).length, 2);
		term.keys('q');
		await term.waitFor(/EXITED 0/);
	} finally {
		term.close();
		fs.rmSync(dir, { recursive: true, force: true });
	}
});

test('colour on a real terminal: on by default, off with NO_COLOR=1 or --no-color, on again with FORCE_COLOR=1', needs('tmux'), async () => {
	const colours = /\x1b\[(3[0-7]|9[0-7]|38;)/; // a foreground colour being set
	for (const [how, coloured] of [['', true], ['NO_COLOR=1 ', false], ['--no-color', false], ['NO_COLOR=1 FORCE_COLOR=1 ', true]] as const) {
		const [env, flag] = how.startsWith('--') ? ['', how] : [how, ''];
		// Not under CI's variables: chalk turns colour off where CI is set, whatever the terminal (CI sets it).
		const term = Terminal.start(`env -u CI -u CONTINUOUS_INTEGRATION ${env}node ${cliPath} ${flag} --interval 500 -- node ${fixture('steady.cjs')}`);
		try {
			await term.waitFor(/heap used\s+\d/);
			assert.equal(colours.test(term.screenWithColours()), coloured, `${how || 'by default'}: ${coloured ? 'coloured' : 'no colour'}`);
		} finally {
			term.close();
		}
	}
});

test('--record FILE writes the run as NDJSON while the screen runs: owner-only, meta first, the end when q quits', needs('tmux'), async (t) => {
	const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'memtop-record-'));
	t.after(() => fs.rmSync(dir, { recursive: true, force: true }));
	const file = path.join(dir, 'run.ndjson');
	const term = Terminal.start(`node ${cliPath} --record ${file} --interval 300 -- node ${fixture('steady.cjs')}`);
	try {
		await term.waitFor(/heap used\s+\d/);
		await new Promise((resolve) => setTimeout(resolve, 1500));
		term.keys('q');
		await term.waitFor(/EXITED 0/);
	} finally {
		term.close();
	}
	assert.equal(fs.statSync(file).mode & 0o777, 0o600);
	const records = fs.readFileSync(file, 'utf8').trim().split('\n').map((line) => JSON.parse(line) as { type: string; target?: string; heapUsed?: number; reason?: string });
	assert.equal(records[0].type, 'meta');
	assert.equal(records[1].type, 'target');
	assert.ok(records.filter((r) => r.type === 'sample' && (r.heapUsed ?? 0) > 0).length >= 4, 'the readings the screen showed');
	assert.equal(records.at(-2)!.type, 'summary');
	assert.deepEqual([records.at(-1)!.type, records.at(-1)!.reason], ['end', 'quit']);

	// Never over an existing file (said before connecting), and not with --json (stdout has the records then).
	const again = Terminal.start(`node ${cliPath} --record ${file} --demo`);
	try {
		const screen = await again.waitFor(/EXITED \d+/);
		assert.match(screen.replace(/\n/g, ''), /--record: .*run\.ndjson already exists; give a new file/);
		assert.match(screen, /EXITED 5/);
	} finally {
		again.close();
	}
	const headless = await runCli(['--record', path.join(dir, 'other.ndjson'), '--json', '--demo']).done;
	assert.equal(headless.code, 2);
	assert.match(headless.stderr, /without a screen .* memtop --json > FILE/);
});
