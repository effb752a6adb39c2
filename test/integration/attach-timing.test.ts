// When memtop's probe goes into a target: from the target's event loop, never in the middle of the code it is
// running (a process still starting may be half-way through loading Node's own modules), and a target started
// with --inspect-brk, which waits for a debugger, is let run rather than left waiting.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { setTimeout as sleep } from 'node:timers/promises';
import { runCli } from '../helpers/cli.js';
import { fixture, targetNode } from '../helpers/target.js';
import { announced, NODE_ANNOUNCEMENT } from '../helpers/announced.js';

/** Start slow-start.cjs with the given inspector flag; resolves with its port once it announces. */
async function startSlow(flag: string) {
	const child = spawn(targetNode, [`${flag}=127.0.0.1:0`, fixture('slow-start.cjs')], { stdio: ['ignore', 'pipe', 'pipe'] });
	let stdout = '';
	child.stdout!.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
	const port = Number((await announced(child, NODE_ANNOUNCEMENT, 'slow-start'))[1]);
	return { child, port, stdout: () => stdout };
}

async function attachAndRead(flag: string) {
	const target = await startSlow(flag);
	const run = runCli(['--json', '--interval', '300', '--no-sampling', '--inspect', String(target.port)]);
	try {
		for (let i = 0; i < 200 && !(run.lines().some((l) => l.type === 'sample' && (l.heapUsed as number) > 0) && target.stdout().includes('probe during load')); i++) await sleep(100);
	} finally {
		run.child.kill('SIGINT');
	}
	const { code, stderr } = await run.done;
	target.child.kill();
	await once(target.child, 'exit');
	return { code, stderr, lines: run.lines(), said: target.stdout() };
}

test('attached while the target\'s top-level code runs, the probe goes in after it, from the event loop', async () => {
	const { code, stderr, lines, said } = await attachAndRead('--inspect');
	assert.equal(code, 0, stderr);
	assert.match(said, /probe during load: false/, 'the probe was not put in while the target\'s own code ran');
	assert.equal(lines.filter((l) => l.type === 'target').length, 1);
	assert.ok(lines.some((l) => l.type === 'sample' && (l.heapUsed as number) > 0), `readings came once the probe was in: ${stderr}`);
});

test('a target started with --inspect-brk is let run: its code runs and it is read', async () => {
	const { code, stderr, lines, said } = await attachAndRead('--inspect-brk');
	assert.equal(code, 0, stderr);
	assert.match(said, /probe during load: false/, 'the waiting target was released and ran its code');
	assert.ok(lines.some((l) => l.type === 'sample' && (l.heapUsed as number) > 0), `readings came: ${stderr}`);
});
