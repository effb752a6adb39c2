// The script's own functions a suspect calls, read from its source when no sample names them.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { callChain, calledFunctions, declaredFunctions, functionBody } from '../../../source/model/profile/source-calls.js';

const mapCache = readFileSync(new URL('../../fixtures/leaks/map-cache.cjs', import.meta.url), 'utf8').split('\n');
const lineOf = (lines: string[], text: string) => lines.findIndex((l) => l.includes(text)) + 1;

test('the interval callback of map-cache calls cacheRequest: named with where it is declared; builtins are not the script\'s', () => {
	const url = '/srv/map-cache.cjs';
	const callback = { name: '(anonymous)', url, line: lineOf(mapCache, 'setInterval(') };
	assert.deepEqual(calledFunctions(mapCache, callback), [{ name: 'cacheRequest', url, line: lineOf(mapCache, 'function cacheRequest') }]);
	// cacheRequest itself calls nothing of the script's own (String, repeat and set are not declared in it).
	assert.deepEqual(calledFunctions(mapCache, { name: 'cacheRequest', url, line: lineOf(mapCache, 'function cacheRequest') }), []);
});

test('bodies end at their own closing brace, past braces in strings, templates and comments', () => {
	const lines = ['function a() {', "  const s = '}'; // }", '  const t = `${1}}`;', '  /* { */ b();', '}', 'function b() { c(); }', 'const c = () => {};'];
	assert.equal(functionBody(lines, 1), lines.slice(0, 5).join('\n').slice(lines[0].indexOf('{')));
	assert.deepEqual([...declaredFunctions(lines)], [['a', 1], ['b', 6], ['c', 7]]);
	assert.deepEqual(calledFunctions(lines, { name: 'a', url: 'u', line: 1 }).map((f) => f.name), ['b']);
	assert.deepEqual(calledFunctions(lines, { name: 'b', url: 'u', line: 6 }).map((f) => f.name), ['c']);
	// A method call of the same name (obj.b()) is not a call of the script's b.
	assert.deepEqual(calledFunctions(['function x() { obj.b(); }', 'function b() {}'], { name: 'x', url: 'u', line: 1 }), []);
});

test('two levels of inlining: the chain from a callback through a handler to the helper that allocates', () => {
	const lines = [
		'function rememberOrder(order) { orders.push({ ...order, at: Date.now() }); }',
		'function handleRequest(id) { log(id); rememberOrder({ id }); }',
		'function log(id) { console.log(id); }',
		'setInterval(() => { handleRequest(n++); }, 10);',
	];
	const callback = { name: '(anonymous)', url: 'u', line: 4 };
	assert.deepEqual(callChain(lines, callback).map((f) => f.name), ['handleRequest', 'log'], 'the first call of each, as written');
	const direct = ['function keep(x) { kept.push(x); }', 'function handle(id) { keep({ id }); }', 'setInterval(() => { handle(1); }, 10);'];
	assert.deepEqual(callChain(direct, { name: '(anonymous)', url: 'u', line: 3 }).map((f) => f.name), ['handle', 'keep']);
	const loop = ['function a() { b(); }', 'function b() { a(); }'];
	assert.deepEqual(callChain(loop, { name: 'a', url: 'u', line: 1 }).map((f) => f.name), ['b'], 'a cycle ends the chain');
});
