import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseInspect, parseInspectRange, parseWsUrl, isLoopback, vetHost } from '../../source/target/endpoint.js';
import { chooseTarget, webSocketHostRefusal } from '../../source/target/discover.js';
import { inspectorLaunch } from '../../source/target/spawn.js';
import { UsageError } from '../../source/errors.js';

test('--inspect takes a port or host:port; loopback is the default', () => {
	assert.deepEqual(parseInspect('9229'), { host: '127.0.0.1', port: 9229 });
	assert.deepEqual(parseInspect('localhost:9230'), { host: 'localhost', port: 9230 });
	assert.deepEqual(parseInspect('[::1]:9229'), { host: '::1', port: 9229 });
	assert.throws(() => parseInspect('0'), UsageError);
	assert.throws(() => parseInspect('92x9'), /expects \[host:\]port/);
});

test('only loopback passes without --allow-remote', () => {
	for (const host of ['127.0.0.1', '127.5.0.9', 'localhost', '::1']) assert.ok(isLoopback(host), host);
	for (const host of ['10.0.0.1', '192.168.1.2', 'example.com', '0.0.0.0']) assert.ok(!isLoopback(host), host);
	assert.throws(() => vetHost('memtop-test.invalid', false), /--allow-remote/);
	assert.doesNotThrow(() => vetHost('memtop-test.invalid', true));
	assert.equal(parseWsUrl('ws://127.0.0.1:9229/abc').port, 9229);
	assert.throws(() => parseWsUrl('http://127.0.0.1:9229/'), /ws:\/\//);
});

test('target choice: by id, by title substring, else the first node target', () => {
	const t = (id: string, title: string, type = 'node') => ({ id, title, type, url: '', webSocketDebuggerUrl: `ws://x/${id}` });
	const list = [t('a1', 'worker', 'other'), t('b2', 'server.js'), t('c3', 'jobs.js')];
	assert.equal(chooseTarget(list, undefined, 'here').id, 'b2');
	assert.equal(chooseTarget(list, 'c3', 'here').id, 'c3');
	assert.equal(chooseTarget(list, 'JOBS', 'here').id, 'c3');
	assert.throws(() => chooseTarget(list, 'nope', 'here'), /no target matches.*b2 \(server\.js\)/);
	assert.throws(() => chooseTarget([], undefined, 'here'), /lists no targets/);
});

test('spawn: node gets the flag, anything else gets it through NODE_OPTIONS', () => {
	assert.deepEqual(inspectorLaunch('node', ['app.js'], {}).args, ['--inspect=127.0.0.1:0', 'app.js']);
	assert.deepEqual(inspectorLaunch('/usr/bin/deno', ['run', '-A', 'main.ts'], {}).args, ['run', '--inspect=127.0.0.1:0', '-A', 'main.ts'], 'deno: after its subcommand');
	const npm = inspectorLaunch('npm', ['start'], { NODE_OPTIONS: '--max-old-space-size=100' });
	assert.deepEqual(npm.args, ['start']);
	assert.equal(npm.env.NODE_OPTIONS, '--max-old-space-size=100 --inspect=127.0.0.1:0');
});

test('--inspect ranges: first-last, host kept, going up, at most 256 ports', () => {
	assert.deepEqual(parseInspectRange('9229'), [{ host: '127.0.0.1', port: 9229 }]);
	assert.deepEqual(parseInspectRange('127.0.0.2:9229-9231').map((e) => `${e.host}:${e.port}`), ['127.0.0.2:9229', '127.0.0.2:9230', '127.0.0.2:9231']);
	assert.equal(parseInspectRange('[::1]:9000-9255').length, 256);
	assert.throws(() => parseInspectRange('9231-9229'), /must go up/);
	assert.throws(() => parseInspectRange('9000-9256'), /spans 257 ports; at most 256/);
	assert.throws(() => parseInspectRange('65535-65536'), /at most at 65535/);
});

test('the process list names what it watches with consecutive ports as ranges', async () => {
	const { describeEndpoints } = await import('../../source/watch/open-fleet.js');
	const at = (host: string, ...ports: number[]) => ports.map((port) => ({ host, port }));
	assert.equal(describeEndpoints([...at('127.0.0.1', 9229, 9230, 9231, 9300), ...at('::1', 9400, 9401)]), '127.0.0.1:9229-9231, 127.0.0.1:9300, [::1]:9400-9401');
});

test('a WebSocket address an inspector lists is followed only to loopback or the host asked', () => {
	const local = { host: '127.0.0.1', port: 9229 };
	assert.equal(webSocketHostRefusal(local, 'ws://127.0.0.1:9229/abc'), undefined);
	assert.equal(webSocketHostRefusal(local, 'ws://localhost:9229/abc'), undefined);
	assert.equal(webSocketHostRefusal(local, 'ws://[::1]:9229/abc'), undefined);
	assert.match(webSocketHostRefusal(local, 'ws://memtop-evil.invalid:9229/abc')!, /refusing to connect to memtop-evil\.invalid.*--allow-remote/);
	assert.match(webSocketHostRefusal(local, 'http://127.0.0.1:9229/abc')!, /not a ws:\/\/ address/);
	assert.match(webSocketHostRefusal(local, 'not a url')!, /not a URL/);
	// A remote host typed with --allow-remote may name itself, and nobody else.
	const remote = { host: 'memtop-test.invalid', port: 9229 };
	assert.equal(webSocketHostRefusal(remote, 'ws://memtop-test.invalid:9229/abc'), undefined);
	assert.match(webSocketHostRefusal(remote, 'ws://memtop-evil.invalid:9229/abc')!, /refusing/);
});
