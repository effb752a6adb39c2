// The live top's bookkeeping on memtop's side, fed profiles directly (LiveTop.ingest is what a read does once
// the profile has arrived): growth over the window in use, and a bounded sliding sum when allocated.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import os from 'node:os';
import { LiveTop } from '../../source/watch/live-top.js';
import type { Session } from '../../source/target/session.js';
import type { ProfileNode, SamplingProfile } from '../../source/model/profile/sampling-profile.js';

const offline = { session: undefined as unknown as Session, info: { runtime: 'node' as const, pid: 1, nodeVersion: '', title: '', url: '', argv: [], startedAt: 0 } };
let nextId = 1;
const node = (functionName: string, lineNumber: number, selfSize: number, children: ProfileNode[] = []): ProfileNode =>
	({ callFrame: { functionName, scriptId: '9', url: 'file:///app.js', lineNumber, columnNumber: 0 }, selfSize, id: nextId++, children });
const profileOf = (orders: number, other: number): SamplingProfile =>
	({ head: node('(root)', -1, 0, [node('main', 0, 0, [node('allocateOrders', 4, orders), node('render', 9, other)])]) });
const row = (top: LiveTop, name: string) => top.status.top!.functions.find((f) => f.name === name)!;
const perMinute = (top: LiveTop, name: string) => [...top.status.perMinute].find(([key]) => key.startsWith(`${name}\u0000`))?.[1];

test('in use: each function\'s change per minute from the oldest reading in the window; the window slides', () => {
	const top = new LiveTop(offline, os.tmpdir());
	top.ingest(profileOf(1_000_000, 500), 0);
	assert.equal(perMinute(top, 'allocateOrders'), undefined, 'one reading: no change yet');
	top.ingest(profileOf(1_600_000, 500), 60_000);
	assert.equal(row(top, 'allocateOrders').flat, 1_600_000);
	assert.equal(perMinute(top, 'allocateOrders'), 600_000);
	assert.equal(perMinute(top, 'render'), 0);
	// Six minutes later the first reading has left the 5-minute window: the change is measured from the second.
	top.ingest(profileOf(2_200_000, 500), 360_000);
	assert.equal(perMinute(top, 'allocateOrders'), 120_000);
});

test('allocated: pieces summed over the window, older ones taken out, the rate per minute over what is kept', () => {
	const top = new LiveTop(offline, os.tmpdir());
	top.toggleMode(); // not started: no sampler to restart, the figures just start afresh
	assert.equal(top.status.view.mode, 'alloc');
	for (let i = 1; i <= 120; i++) top.ingest(profileOf(1000, 10), i * 5000); // ten minutes of reads, 5 s apart
	const t = top.status.top!;
	assert.equal(t.sampleType, 'alloc_space/bytes');
	// A 5-minute window of 5 s pieces: 60 pieces' worth, not 120 (the sum is bounded, the first half left).
	assert.equal(row(top, 'allocateOrders').flat, 60 * 1000);
	assert.equal(t.total, 60 * 1010);
	assert.equal(perMinute(top, 'allocateOrders'), 12 * 1000);
	top.toggleUnit();
	assert.equal(top.status.top!.sampleType, 'alloc_objects/count', 'the same data in objects');
});

test('suspects: the program\'s functions whose in-use bytes grow, a builtin\'s allocations charged to its caller and named', () => {
	const top = new LiveTop(offline, os.tmpdir());
	const at = (cached: number, steady: number): SamplingProfile => ({ head: node('(root)', -1, 0, [node('main', 0, 0, [
		node('cacheRequest', 13, 1000, [{ ...node('repeat', -1, cached), callFrame: { functionName: 'repeat', scriptId: '0', url: '', lineNumber: -1, columnNumber: -1 } }]),
		node('render', 9, steady),
	])]) });
	top.ingest(at(0, 5000), 0);
	assert.deepEqual(top.status.suspects, [], 'one reading: nothing to compare');
	top.ingest(at(2_000_000, 5000), 120_000);
	const suspects = top.status.suspects!;
	assert.equal(suspects.length, 1, JSON.stringify(suspects));
	assert.deepEqual([suspects[0].name, suspects[0].line, suspects[0].growthBytesPerMin, suspects[0].inUseBytes, suspects[0].via?.name], ['cacheRequest', 14, 1_000_000, 2_001_000, 'repeat']);
	assert.deepEqual(suspects[0].callers.map((c) => c.name), ['main'], 'called from main');
});

test('sharpen: 8 times finer once (a slow leak leaves too few samples at 512 KiB), the figures starting afresh', () => {
	const top = new LiveTop(offline, os.tmpdir());
	top.ingest(profileOf(1_000_000, 500), 0);
	assert.ok(top.status.top);
	assert.equal(top.sharpen(), true);
	assert.equal(top.intervalBytes, 64 * 1024);
	assert.equal(top.status.top, undefined, 'figures of the coarser sampler are not mixed with the finer one\'s');
	assert.equal(top.sharpen(), false, 'once per target');
	assert.equal(top.intervalBytes, 64 * 1024);
	const fine = new LiveTop(offline, os.tmpdir(), 32 * 1024);
	assert.equal(fine.sharpen(), false, 'never finer than 32 KiB');
});
