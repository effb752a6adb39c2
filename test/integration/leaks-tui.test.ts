// The leak verdict, h and l on a real pseudo-terminal: where leaking timers come from, and nothing left behind.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import CDP from 'chrome-remote-interface';
import { Terminal } from '../helpers/tmux.js';
import { cliPath } from '../helpers/cli.js';
import { fixture, startTarget } from '../helpers/target.js';
import { needs } from '../helpers/tools.js';

test('the verdict line from the start; h records where handles are created, l shows them; quitting removes the tracer', needs('tmux'), async () => {
	const file = fixture('leaks/intervals.cjs');
	const line = fs.readFileSync(file, 'utf8').split('\n').findIndex((l) => l.includes('setInterval(() => id')) + 1;
	const target = await startTarget('leaks/intervals.cjs');
	await target.waitFor(/^ready/);
	const term = Terminal.start(`node ${cliPath} --inspect ${target.port}`, 130, 40);
	try {
		await term.waitFor(/◌ leak check: inconclusive over \d+s · \d+ s more watching \(a verdict needs 30 s\)/);
		term.keys('h');
		await term.waitFor(/recording where new .*Timeout.* handles are created, for 30 s/);
		term.keys('l');
		const screen = await term.waitFor(new RegExp(`Where the live .*Timeout.* handles were created[\\s\\S]*Timeout +startHeartbeat \\(.*intervals\\.cjs:${line}:\\d+\\)`));
		assert.match(screen, /Series \(judged on their floor/);
		assert.match(screen, /heap \(/);
		assert.match(screen, /Timeout \d+→\d+/, 'each handle type against its start');
		term.keys('Escape');
		await term.waitFor(/Memory .*heap used/);
		term.keys('q');
		await term.waitFor(/EXITED 0/);
		const client = await CDP({ target: target.wsUrl, local: true });
		const left = await client.send('Runtime.evaluate', { expression: 'Object.getOwnPropertySymbols(globalThis).map(String).filter((s) => s.includes("memtop")).join()', returnByValue: true }) as { result: { value: string } };
		await client.close();
		assert.equal(left.result.value, '', 'no probe and no tracer left in the target');
	} finally {
		term.close();
		await target.kill();
	}
});

test('the screen calls the demo\'s slow leak a leak, with its evidence and the function behind it, and a healthy program no leak', needs('tmux'), async () => {
	const demo = Terminal.start(`node ${cliPath} --demo`, 130, 40);
	const healthy = Terminal.start(`node ${cliPath} -- node ${fixture('leaks/garbage.cjs')}`, 130, 40);
	try {
		// The leak verdict is also an alert: its banner takes the line for a minute, and l shows the verdict itself.
		await demo.waitFor(/the leak verdict turned to leak|▲ LEAK/, 450);
		demo.keys('l');
		// Suspects need two reads of the allocation profile, which come further apart on a busy machine.
		const screen = await demo.waitFor(/▲ LEAK heap \+[\d.]+ MiB\/min \(r² [\d.]+\)[\s\S]*Growing functions[\s\S]*RequestRecord server\.cjs:\d+/, 450);
		assert.match(screen, /heap \(after major GCs\) +leak +grows/);
		assert.match(await healthy.waitFor(/✓ no leak over/, 450), /heap floor [+-]?[\d.]+ \S*B\/min/);
	} finally {
		demo.close();
		healthy.close();
	}
});
