// memtop replay on the real screen: a run of a real target recorded by memtop --json, opened in a tmux
// terminal; the header says REPLAY with the time at the cursor, the keys move it and play it, a key that acts on
// a process says a recording cannot, q ends with 0. Without a terminal, and for a broken file, exit 2.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { cliPath, runCli } from '../helpers/cli.js';
import { needs } from '../helpers/tools.js';
import { recordRun } from '../helpers/record-run.js';
import { Terminal } from '../helpers/tmux.js';

const recorded = (dir: string) => recordRun(dir, 6, 250);

test('replay on the screen: REPLAY at the end, Home to the start, space plays, s needs a live target, q exits 0', needs('tmux'), async (t) => {
	const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'memtop-replay-'));
	t.after(() => fs.rmSync(dir, { recursive: true, force: true }));
	const file = await recorded(dir);
	const term = Terminal.start(`node ${cliPath} replay ${file}`, 140, 44);
	t.after(() => term.close());
	const end = await term.waitFor(/● REPLAY ❚❚ paused/);
	assert.match(end, /churn\.cjs/);
	const span = /\((\d+)s of (\d+)s\)/.exec(end);
	assert.ok(span && span[1] === span[2] && Number(span[2]) >= 4, `the cursor at the end of a run of about 6 s:\n${end}`);
	term.keys('Home');
	await term.waitFor(new RegExp(`\\(0s of ${span![2]}s\\)`));
	term.keys('s');
	await term.waitFor(/s acts on a live process: this is a recording/);
	term.keys('Space');
	await term.waitFor(/● REPLAY ▶ 1x/);
	const moving = await term.waitFor(new RegExp(`\\([1-9]\\d*s of ${span![2]}s\\)`));
	assert.match(moving, /heap used/);
	term.keys('End');
	await term.waitFor(new RegExp(`❚❚ paused[\\s\\S]*\\(${span![2]}s of ${span![2]}s\\)`));
	term.keys('q');
	await term.waitFor(/EXITED 0/);
});

test('replay refuses a broken recording by its line, and a run without a terminal, with exit 2', async (t) => {
	const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'memtop-replay-'));
	t.after(() => fs.rmSync(dir, { recursive: true, force: true }));
	const file = await recorded(dir);
	const noTerminal = await runCli(['replay', file]).done;
	assert.equal(noTerminal.code, 2);
	assert.match(noTerminal.stderr, /replay draws on a terminal.*memtop plot/);
	const lines = fs.readFileSync(file, 'utf8').split('\n');
	fs.writeFileSync(path.join(dir, 'broken.ndjson'), [...lines.slice(0, 2), 'not json', ...lines.slice(2)].join('\n'));
	const broken = await runCli(['replay', path.join(dir, 'broken.ndjson')]).done;
	assert.equal(broken.code, 2);
	assert.match(broken.stderr, /broken\.ndjson: line 3: not JSON/);
	const missing = await runCli(['replay', path.join(dir, 'absent.ndjson')]).done;
	assert.equal(missing.code, 2);
	assert.match(missing.stderr, /absent\.ndjson: no such file/);
});
