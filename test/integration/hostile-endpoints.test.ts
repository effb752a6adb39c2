// Endpoints that lie: memtop follows no address but loopback or the host it was given, and says why.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { runCli } from '../helpers/cli.js';
import { fixture } from '../helpers/target.js';

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
