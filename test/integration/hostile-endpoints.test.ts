// Endpoints and targets that lie: memtop follows no address but loopback or the host it was given, and says
// why; what a target says about itself is data (plain text, figures of the right type) on the screen and in JSON.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { cliPath, runCli } from '../helpers/cli.js';
import { fixture, startTarget } from '../helpers/target.js';
import { Terminal } from '../helpers/tmux.js';
import { needs } from '../helpers/tools.js';

/** Start the hostile server in a mode; its stdout lines are kept (it says "upgrade" if a WebSocket is asked). */
async function hostile(mode: string) {
	const child = spawn(process.execPath, [fixture('hostile-inspector.cjs'), mode], { stdio: ['ignore', 'pipe', 'inherit'] });
	const lines: string[] = [];
	child.stdout.setEncoding('utf8').on('data', (chunk: string) => lines.push(...chunk.trim().split('\n')));
	while (!lines.some((l) => l.startsWith('listening'))) await once(child.stdout, 'data');
	const port = Number(lines.find((l) => l.startsWith('listening'))!.split(' ')[1]);
	return { port, lines, stop: () => child.kill() };
}

test('a /json/list that names a WebSocket on another host is refused before any lookup: exit 3, --allow-remote named', async (t) => {
	const server = await hostile('remote-ws');
	t.after(server.stop);
	for (const args of [['--json', '--duration', '5'], ['snapshot'], ['--json', '--duration', '5', '--allow-remote']]) {
		const run = await runCli(['--inspect', String(server.port), ...args]).done;
		assert.equal(run.code, 3, run.stderr);
		assert.match(run.stderr, /refusing to connect to memtop-evil\.invalid: the inspector at 127\.0\.0\.1:\d+ names it/);
		assert.match(run.stderr, /--allow-remote/);
		assert.doesNotMatch(run.stderr, /ENOTFOUND|getaddrinfo/, 'refused before any DNS lookup');
	}
	assert.deepEqual(server.lines.filter((l) => l === 'upgrade'), [], 'no WebSocket was asked of anyone');
});

test('a redirect from /json/list is not followed', async (t) => {
	const server = await hostile('redirect');
	t.after(server.stop);
	const run = await runCli(['--inspect', String(server.port), '--json', '--duration', '5']).done;
	assert.equal(run.code, 3, run.stderr);
	assert.match(run.stderr, /is not a Node inspector \(GET \/json\/list gave 302\)/);
	assert.doesNotMatch(run.stderr, /memtop-evil|ENOTFOUND/);
});

test('a target that lies: escape sequences in its title and argv stay text; figures of the wrong type are absent', async (t) => {
	const target = await startTarget('liar.cjs');
	t.after(() => target.kill());
	await target.waitFor(/^ready/);
	const run = await runCli(['--inspect', String(target.port), '--json', '--duration', '3', '--interval', '300']).done;
	assert.equal(run.code, 0, run.stderr);
	const records = run.stdout.trim().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>);
	const info = records.find((r) => r.type === 'target')!;
	assert.equal(info.pid, undefined, 'a pid that is text is no pid');
	assert.equal(info.title, 'liar[2J[31mred', 'ESC and BEL taken out, the rest kept as text');
	assert.equal((info.argv as string[]).at(-1), ']0;pwnedarg');
	const samples = records.filter((r) => r.type === 'sample' && !r.gap);
	assert.ok(samples.length >= 3, run.stdout);
	for (const s of samples) {
		assert.ok(typeof s.heapUsed === 'number' && s.heapUsed > 0, JSON.stringify(s));
		assert.deepEqual(['rss', 'external', 'arrayBuffers'].filter((k) => k in s), [], `wrong-typed figures are absent: ${JSON.stringify(s)}`);
	}
});

test('on the screen, the liar\'s title is plain text and the screen is not cleared', needs('tmux'), async (t) => {
	const target = await startTarget('liar.cjs');
	t.after(() => target.kill());
	await target.waitFor(/^ready/);
	const term = Terminal.start(`node ${cliPath} --inspect ${target.port}`, 120, 40);
	t.after(() => term.close());
	const screen = await term.waitFor(/● live/);
	// The header names the script and its arguments: the OSC sequence in the argument shows as text.
	assert.match(screen.split('\n')[0], /^memtop \S*liar\.cjs \]0;pwnedarg /, 'the sequence shows as text, on a screen still there');
	assert.doesNotMatch(term.screenWithColours(), /\x1b\]0;|\x07/, 'and is not obeyed');
});

test('every phase of connecting is bounded: a list that trickles, a WebSocket that never answers; exit 3 and the run ends', async (t) => {
	for (const [mode, message] of [['trickle', /did not finish answering \/json\/list within 1 s/], ['silent-ws', /WebSocket handshake with ws:\/\/127\.0\.0\.1:\d+\/x did not finish within 1 s/]] as const) {
		const server = await hostile(mode);
		t.after(server.stop);
		for (const args of [['--json', '--duration', '30'], ['snapshot']]) {
			const run = await runCli(['--inspect', String(server.port), '--connect-timeout', '1000', ...args]).done;
			assert.equal(run.code, 3, `${mode} ${args[0]}: ${run.stderr}`);
			assert.match(run.stderr, message);
		}
	}
});

test('a WebSocket that answers with text that is not JSON, or with a 40 MB object: one line, exit 3, no crash', async (t) => {
	for (const [mode, message] of [['garbage-ws', /cannot attach to ws:\/\/127\.0\.0\.1:\d+\/x: the inspector sent a message that is not JSON/], ['huge-ws', /the inspector sent 3[89]\.\d MiB that answer nothing memtop asked/]] as const) {
		const server = await hostile(mode);
		t.after(server.stop);
		for (const args of [['--json', '--duration', '30'], ['snapshot']]) {
			const run = await runCli(['--inspect', String(server.port), ...args]).done;
			assert.equal(run.code, 3, `${mode} ${args[0]}: ${run.stderr}`);
			assert.match(run.stderr, message);
			assert.doesNotMatch(run.stderr, /\n\s+at |SyntaxError|RangeError/, 'no stack trace');
		}
	}
});

test('on a terminal, memtop says it is connecting, and q ends it there already', needs('tmux'), async (t) => {
	const server = await hostile('silent-ws');
	t.after(server.stop);
	const term = Terminal.start(`node ${cliPath} --inspect ${server.port} --connect-timeout 60000`, 100, 20);
	t.after(() => term.close());
	await term.waitFor(new RegExp(`memtop: connecting to 127\\.0\\.0\\.1:${server.port} \\(q or Ctrl-C to stop\\)`));
	term.keys('q');
	await term.waitFor(/EXITED 0/);
});

test('--duration counts from the start: a run still connecting ends on time, with an end record', async (t) => {
	const server = await hostile('silent-ws');
	t.after(server.stop);
	const run = await runCli(['--inspect', String(server.port), '--json', '--connect-timeout', '60000', '--duration', '2']).done;
	assert.equal(run.code, 0, run.stderr);
	const last = JSON.parse(run.stdout.trim().split('\n').at(-1)!);
	assert.deepEqual([last.type, last.reason], ['end', 'duration']);
});
