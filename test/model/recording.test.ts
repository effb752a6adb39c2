// Reading a recording back: every memtop record, line by line; a broken line named by its number, a last line
// cut short by a killed run left out with a note, a newer format refused, a recording from before meta read.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseRecording } from '../../source/model/recording.js';
import { RecordingError } from '../../source/errors.js';

const lines = (...records: object[]) => records.map((r) => JSON.stringify(r)).join('\n') + '\n';
const run = lines(
	{ type: 'meta', format: 1, memtop: '0.2.0', t: 1000, intervalMs: 1000, windowMs: 300000 },
	{ target: 'a', type: 'target', pid: 42, title: 'node', argv: ['node', 'api.js'] },
	{ target: 'a', type: 'sample', t: 2000, heapUsed: 10, heapTotal: 20 },
	{ target: 'a', type: 'gc', t: 2500, kind: 'major', pauseMs: 3, heapBefore: 30, heapAfter: 9 },
	{ target: 'a', type: 'sample', t: 3000, heapUsed: 12, heapTotal: 20, allocRate: 1000 },
	{ target: 'a', type: 'alert', t: 3000, metric: 'heap', value: 12, threshold: 11 },
	{ target: 'a', type: 'top', t: 3000, sampleType: 'inuse_space/bytes', total: 900, functions: [{ name: 'keep', url: 'api.js', line: 3, flat: 800, cum: 900, growthPerMin: 60 }],
		suspects: [{ name: 'keep', url: 'api.js', line: 3, growthBytesPerMin: 60, inUseBytes: 800, callers: [{ name: 'handle', url: 'api.js', line: 9 }] }] },
	{ target: 'a', type: 'sample', t: 4000, gap: true },
	{ target: 'a', type: 'summary', leak: { verdict: 'leak', kinds: ['heap'] } },
	{ type: 'end', t: 5000, reason: 'duration' },
);

test('a whole recording: meta, the target, its history, alerts and its final verdict', () => {
	const recording = parseRecording(run, true);
	assert.deepEqual([recording.format, recording.memtop, recording.intervalMs, recording.notes], [1, '0.2.0', 1000, []]);
	const [target] = recording.targets;
	assert.equal(target.key, 'a');
	assert.equal(target.info?.pid, 42);
	assert.deepEqual([target.start, target.end], [2000, 3000]);
	assert.deepEqual(target.history.ticks.map((t) => t.reading?.heapUsed), [10, 12]);
	assert.deepEqual(target.history.majorFloors, [{ t: 2500, heapAfter: 9 }]);
	// A recording from before alerts carried their text: it is said again from the figures.
	assert.deepEqual(target.alerts.map((a) => [a.t, a.text, a.metric, a.value, a.threshold]), [[3000, 'heap 12 over 11', 'heap', 12, 11]]);
	const [top] = target.tops;
	assert.deepEqual([top.t, top.sampleType, top.total, top.functions[0].name, top.functions[0].growthPerMin], [3000, 'inuse_space/bytes', 900, 'keep', 60]);
	assert.deepEqual(top.suspects?.map((s) => [s.name, s.growthBytesPerMin, s.inUseBytes, s.callers.map((c) => c.name)]), [['keep', 60, 800, ['handle']]]);
	assert.equal(target.verdict, 'leak');
});

test('a broken line is named by its number; a last line cut short is left out with a note', () => {
	const broken = run.replace('"type":"gc"', '"type":"gc",,');
	assert.throws(() => parseRecording(broken, true), (error: Error) => error instanceof RecordingError && /^line 4: not JSON/.test(error.message));
	assert.throws(() => parseRecording(run.replace('{"target":"a","type":"alert"', '{"target":"a","kind":"alert"'), true), (error: Error) => /^line 6: not a memtop record \(no "type"\): \{"target":"a","kind":"alert"/.test(error.message));
	const killed = run + '{"target":"a","type":"sample","t":60';
	const recording = parseRecording(killed, true);
	assert.deepEqual(recording.notes, ['line 11 is cut short (the run was stopped while writing it?): left out']);
	assert.equal(recording.targets[0].history.ticks.length, 2, 'the rest is read');
});

test('a newer format is refused, naming it; a recording from before meta records is format 0', () => {
	assert.throws(() => parseRecording(run.replace('"format":1', '"format":2'), true), (error: Error) => error instanceof RecordingError && error.message === 'line 1: recorded by memtop 0.2.0 in format 2; this memtop reads up to format 1: update memtop');
	const old = parseRecording(run.split('\n').slice(1).join('\n'), true);
	assert.equal(old.format, 0);
	assert.equal(old.targets[0].history.ticks.length, 2);
});

test('a browser page\'s DOM figures are read back with its readings; a Node target has none', () => {
	const page = lines(
		{ target: 'p', type: 'sample', t: 1000, heapUsed: 10, heapTotal: 20, dom: { nodes: 1500, listeners: 40, documents: 2 } },
		{ target: 'p', type: 'sample', t: 2000, heapUsed: 11, heapTotal: 20, dom: { nodes: 1600, listeners: 41, documents: 2 } },
		{ target: 'n', type: 'sample', t: 1000, heapUsed: 10, heapTotal: 20 },
	);
	const [browser, node] = parseRecording(page, true).targets;
	assert.deepEqual(browser.history.ticks.map((t) => t.reading?.dom), [{ nodes: 1500, listeners: 40, documents: 2 }, { nodes: 1600, listeners: 41, documents: 2 }]);
	assert.equal(node.history.ticks[0].reading?.dom, undefined);
});
