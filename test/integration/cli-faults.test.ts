// Bad input and faults through the real CLI: each names the problem and the fix, with the right exit code.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import http from 'node:http';
import net from 'node:net';
import { once } from 'node:events';
import { runCli } from '../helpers/cli.js';

const listen = async (server: net.Server) => {
	server.listen(0, '127.0.0.1');
	await once(server, 'listening');
	return (server.address() as net.AddressInfo).port;
};

test('a port that is not a number, or out of range, is bad usage (exit 2)', async () => {
	for (const [value, text] of [['abc', /expects \[host:\]port/], ['70000', /between 1 and 65535/], ['127.0.0.1:', /expects \[host:\]port/]] as const) {
		const { code, stderr } = await runCli(['--inspect', value]).done;
		assert.equal(code, 2, `--inspect ${value}: ${stderr}`);
		assert.match(stderr, text);
		assert.doesNotMatch(stderr, /at .*\.js:\d+/, 'no stack trace for bad usage');
	}
});

test('nothing to watch, two things to watch, or an unknown flag is bad usage (exit 2)', async () => {
	const none = await runCli([]).done;
	assert.equal(none.code, 2);
	assert.match(none.stderr, /say what to watch/);
	const both = await runCli(['--inspect', '9229', '--demo']).done;
	assert.equal(both.code, 2);
	assert.match(both.stderr, /choose one of/);
	assert.equal((await runCli(['--inspekt', '9229']).done).code, 2);
	// A flag that takes one value, given twice: one line, no stack trace from the flag parser.
	for (const args of [['--interval', '1000', '--interval', '2000', '--demo'], ['--connect-timeout=1000', '--connect-timeout', '2000', '--demo']]) {
		const twice = await runCli(args).done;
		assert.equal(twice.code, 2, twice.stderr);
		assert.match(twice.stderr, /^memtop: --(interval|connect-timeout) is given more than once; give it once \(see memtop --help\)\n$/);
	}
});

test('a host other than loopback is refused without --allow-remote, with the reason', async () => {
	// A name under .invalid never resolves (RFC 2606): nothing is looked up or reached even if the rule broke.
	const { code, stderr } = await runCli(['--inspect', 'memtop-test.invalid:9229']).done;
	assert.equal(code, 2);
	assert.match(stderr, /not loopback.*remote code execution/);
	assert.match(stderr, /--allow-remote/);
});

test('nothing listening on the port: exit 3 and how to start a target', async () => {
	const server = net.createServer();
	const port = await listen(server);
	server.close(); // a port that was free a moment ago
	await once(server, 'close');
	const { code, stderr } = await runCli(['--inspect', String(port), '--json']).done;
	assert.equal(code, 3);
	assert.match(stderr, new RegExp(`nothing is listening on 127.0.0.1:${port}`));
	assert.match(stderr, /node --inspect=/);
});

test('an HTTP server that is not an inspector: exit 3, named as such', async () => {
	const server = http.createServer((_, res) => res.writeHead(404).end('no'));
	const port = await listen(server);
	try {
		const { code, stderr } = await runCli(['--inspect', String(port), '--json']).done;
		assert.equal(code, 3);
		assert.match(stderr, /answers HTTP but is not a Node inspector/);
	} finally {
		server.close();
	}
});

test('a TCP server that never answers: time out with a clear message, exit 3', async () => {
	const sockets: net.Socket[] = [];
	const server = net.createServer((socket) => sockets.push(socket)); // accepts, says nothing
	const port = await listen(server);
	try {
		const { code, stderr } = await runCli(['--inspect', String(port), '--json', '--connect-timeout', '500']).done;
		assert.equal(code, 3);
		assert.match(stderr, /no answer from 127.0.0.1:\d+ within 0.5 s/);
	} finally {
		sockets.forEach((s) => s.destroy());
		server.close();
	}
});

test('a spawn command that does not exist: exit 3, named', async () => {
	const { code, stderr } = await runCli(['--json', '--', 'no-such-command-memtop']).done;
	assert.equal(code, 3);
	assert.match(stderr, /command not found: "no-such-command-memtop"/);
});

test('a spawned command that is not a Node program: exit 3, pointing at its log', async () => {
	const { code, stderr } = await runCli(['--json', '--', 'sh', '-c', 'echo hello; exit 7']).done;
	assert.equal(code, 3);
	assert.match(stderr, /exited \(code 7\) before its inspector started/);
	assert.match(stderr, /output is in .*memtop-.*\.log/);
});

test('bad --pid, --prometheus and range combinations are bad usage (exit 2), each saying what is expected', async () => {
	const cases: [string[], RegExp][] = [
		[['--pid', 'abc'], /--pid expects a process id/],
		[['--pid', '1', '--inspect', '9229'], /choose one of --inspect, --pid/],
		[['--inspect', '9229', '--prometheus', 'x:y'], /--prometheus expects \[host:\]port/],
		[['--inspect', '9229-9230', '--target', 'api'], /--target picks one target of one inspector/],
		[['--inspect', '9300-9229'], /must go up/],
		[['snapshot', '--inspect', '9229-9230'], /works on one target/],
		[['profile', '--inspect', '9229', '--prometheus', '9464'], /--prometheus does not apply to memtop profile; it is for memtop watch/],
	];
	for (const [args, message] of cases) {
		const { code, stderr } = await runCli(args).done;
		assert.equal(code, 2, `${args.join(' ')}: ${stderr}`);
		assert.match(stderr, message, args.join(' '));
	}
});
