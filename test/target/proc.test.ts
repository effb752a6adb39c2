// Reading a process's Node flags and listening sockets from /proc text, and vetting a pid before any signal.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { nodeFlags, parseListening, signalledInspector } from '../../source/target/proc.js';
import { pidUnsupported, vetPid } from '../../source/target/pid-attach.js';
import { ConnectError } from '../../source/errors.js';

test('Node flags are those before the script, values included; NODE_OPTIONS count too', () => {
	assert.deepEqual(nodeFlags(['--inspect-port', '9300', '-r', 'x.js', 'app.js', '--inspect-port=1']), ['--inspect-port', '9300', '-r', 'x.js']);
	assert.deepEqual(nodeFlags(['app.js', '--disable-sigusr1']), [], "the script's own arguments are not Node's");
	assert.deepEqual(nodeFlags(['--max-old-space-size=100', '--', 'app.js'], ' --trace-gc  --inspect-port=0 '), ['--trace-gc', '--inspect-port=0', '--max-old-space-size=100']);
});

test('the inspector SIGUSR1 opens: --inspect-port, an --inspect value, else 127.0.0.1:9229', () => {
	assert.deepEqual(signalledInspector([]), { host: '127.0.0.1', port: 9229 });
	assert.deepEqual(signalledInspector(['--inspect-port=9300']), { host: '127.0.0.1', port: 9300 });
	assert.deepEqual(signalledInspector(['--inspect-port', '0']), { host: '127.0.0.1', port: 0 });
	assert.deepEqual(signalledInspector(['--debug-port=[::1]:9301']), { host: '::1', port: 9301 });
	assert.deepEqual(signalledInspector(['--inspect=0.0.0.0:9302']), { host: '0.0.0.0', port: 9302 }, 'as configured: the caller vets it');
	assert.deepEqual(signalledInspector(['--inspect-port=1', '--inspect-brk=127.0.0.2:2']), { host: '127.0.0.2', port: 2 }, 'the last one wins');
});

test('listening sockets are read from /proc/net/tcp text: only state 0A, inode to port', () => {
	const text = [
		'  sl  local_address rem_address   st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode',
		'   0: 0100007F:2405 00000000:0000 0A 00000000:00000000 00:00000000 00000000     0        0 716652 1 0000 100 0 0 10 0',
		'   1: 0100007F:8EFF 0100007F:D2A0 01 00000000:00000000 00:00000000 00000000     0        0 716700 1 0000 20 4 30 10 -1',
		'   2: 00000000000000000000000000000000:1F90 00000000000000000000000000000000:0000 0A 00000000:00000000 00:00000000 00000000  1000 0 99 1 0000 100 0 0 10 0',
	].join('\n');
	assert.deepEqual([...parseListening(text)], [[716652, 9221], [99, 8080]]);
});

test('a pid is vetted before any signal: gone, not Node, or --disable-sigusr1 each say so', () => {
	const node = (args: string[], nodeOptions?: string) => ({ program: '/usr/bin/node', args, nodeOptions });
	assert.throws(() => vetPid(7, undefined), (e: Error) => e instanceof ConnectError && /no such process: 7/.test(e.message));
	assert.throws(() => vetPid(7, { program: '/usr/bin/python3', args: ['x.py'] }), /not a Node process \(it runs \/usr\/bin\/python3\).*SIGUSR1 would terminate/);
	assert.throws(() => vetPid(7, node(['--disable-sigusr1', 'app.js'])), /started with --disable-sigusr1/);
	assert.throws(() => vetPid(7, node(['app.js'], '--disable-sigusr1')), /--disable-sigusr1/, 'NODE_OPTIONS counts');
	assert.deepEqual(vetPid(7, node(['app.js', '--disable-sigusr1'])), { host: '127.0.0.1', port: 9229, startedWith: false });
	assert.deepEqual(vetPid(7, { program: '/opt/node22', args: ['--inspect=0', 'a.js'] }), { host: '127.0.0.1', port: 0, startedWith: true });
	assert.equal(vetPid(7, { program: '/x/my-node-build', args: [] }, '/x/my-node-build').port, 9229, 'the node memtop runs on counts as Node');
});

test('--pid says it needs /proc where there is none, with what to do instead; on Linux it goes ahead', () => {
	assert.equal(pidUnsupported('linux'), undefined);
	for (const platform of ['darwin', 'win32', 'freebsd'] as const) {
		assert.match(pidUnsupported(platform)!, new RegExp(`/proc, which ${platform} does not have.*kill -USR1 <pid>.*memtop --inspect 9229`));
	}
});
