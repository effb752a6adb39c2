// The probe removes itself, and everything memtop put in, when memtop stops reading (killed, say): run here in a
// plain Node process with a short watchdog, where memtop's 30 s would make a slow test of the same code.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { probeSource } from '../../source/target/probe/probe-source.js';
import { handleTracerSource } from '../../source/target/probe/handle-tracer-source.js';
import { targetNode } from '../helpers/target.js';

/** Install the probe (watchdog 300 ms) and a handle tracer in a fresh process; say what is left after `waitMs`. */
function leftAfter(waitMs: number, ownsInspector: boolean, readEveryMs?: number): { memtopGlobals: number; inspectorOpen: boolean; tracerAlive: boolean } {
	const script = `
		const inspector = require('node:inspector');
		if (${ownsInspector}) inspector.open(0, '127.0.0.1');
		globalThis.__memtop_gc_t = () => {};
		(${probeSource})('memtop.probe.t', '__memtop_gc_t', 100, 300, 'memtop.handles.t', ${ownsInspector});
		(${handleTracerSource})('memtop.handles.t', ['Timeout'], 60000, 100, 8);
		const probe = globalThis[Symbol.for('memtop.probe.t')];
		const reader = ${readEveryMs ?? 0} > 0 ? setInterval(() => probe.read(), ${readEveryMs ?? 0}) : undefined;
		setTimeout(() => {
			clearInterval(reader);
			const globals = Object.getOwnPropertySymbols(globalThis).map(String).filter((s) => s.includes('memtop')).length
				+ Object.keys(globalThis).filter((k) => k.startsWith('__memtop')).length;
			console.log(JSON.stringify({ memtopGlobals: globals, inspectorOpen: inspector.url() !== undefined, tracerAlive: globalThis[Symbol.for('memtop.handles.t')] !== undefined }));
			inspector.close();
		}, ${waitMs});`;
	return JSON.parse(execFileSync(targetNode, ['-e', script], { encoding: 'utf8', timeout: 20_000 }));
}

test('memtop gone: after its watchdog the probe, its binding and a handle tracer are gone, on an idle target too', () => {
	assert.deepEqual(leftAfter(1500, false), { memtopGlobals: 0, inspectorOpen: false, tracerAlive: false });
});

test('memtop gone after opening the inspector itself (--pid): the probe closes the inspector', () => {
	assert.deepEqual(leftAfter(1500, true), { memtopGlobals: 0, inspectorOpen: false, tracerAlive: false });
});

test('memtop still reading: everything stays, the inspector open', () => {
	assert.deepEqual(leftAfter(1500, true, 100), { memtopGlobals: 3, inspectorOpen: true, tracerAlive: true });
});
