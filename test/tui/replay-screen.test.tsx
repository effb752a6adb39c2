// The replay screen on a real recording (a map-cache leak memtop recorded, with an alert and an allocation top
// added): the header says REPLAY and the time at the cursor, the verdict is the one memtop gives over the window
// up to the cursor, the keys move the cursor and open the recorded top and the leak evidence; a recording of
// two targets opens on the process list.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import React from 'react';
import { render } from 'ink-testing-library';
import { parseRecording } from '../../source/model/recording.js';
import { detectLeaks } from '../../source/model/leak/detect.js';
import { ReplayScreen } from '../../source/tui/replay-screen.js';

const text = fs.readFileSync(new URL('../fixtures/recorded/map-cache.ndjson', import.meta.url), 'utf8');
const samples = text.trim().split('\n').map((line) => JSON.parse(line) as { type: string; t: number });
const t0 = samples[0].t;
const extra = [
	{ type: 'target', pid: 4242, title: 'node', argv: ['node', '/srv/map-cache.cjs'], nodeVersion: 'v24.1.0', runtime: 'node', url: 'ws://127.0.0.1:9229/x' },
	{ type: 'alert', t: t0 + 30_000, text: 'heap used 5.0 MiB over 4.8 MiB', metric: 'heap', value: 5_242_880, threshold: 5_000_000, artifact: '/tmp/out/alert.pb.gz' },
	{ type: 'top', t: t0 + 40_000, sampleType: 'inuse_space/bytes', total: 2_000_000, functions: [{ name: 'cacheRequest', url: 'file:///srv/map-cache.cjs', line: 7, flat: 1_500_000, cum: 1_500_000, growthPerMin: 900_000 }] },
];
const recordingOf = (lines: object[]) => parseRecording(lines.map((r) => JSON.stringify(r)).join('\n') + '\n', true);
const settle = () => new Promise((resolve) => setTimeout(resolve, 60));
const LEFT = '\u001b[D';
const HOME = '\u001b[H';

test('one target: REPLAY at the end of the run, the verdict over the window up to the cursor; ← moves 10 s back; Home to the start', async (t) => {
	const recording = recordingOf([extra[0], extra[2], ...samples]); // no alert: its banner would cover the verdict for a minute
	const target = recording.targets[0];
	const screen = render(<ReplayScreen recording={recording} file="run.ndjson" intervalMs={1000} initialWindowMs={300_000} onQuit={() => {}} size={{ columns: 150, rows: 44 }} />);
	t.after(() => screen.unmount());
	let frame = screen.lastFrame()!;
	assert.match(frame, /map-cache\.cjs\s+pid 4242\s+node v24\.1\.0\s+● REPLAY ❚❚ paused/);
	const seconds = Math.round((target.end - target.start) / 1000);
	assert.match(frame, new RegExp(`at ${new Date(target.end).toISOString().slice(0, 19).replace('T', ' ')} UTC \\(${seconds}s of ${seconds}s\\)`));
	const verdict = detectLeaks(target.history, target.end, 300_000).verdict;
	assert.match(frame, { leak: /▲ LEAK/, 'no-leak': /✓ no leak/, inconclusive: /◌ leak check: inconclusive/ }[verdict]);
	assert.match(frame, /cursor\n/);
	assert.match(frame, /in use by\s+1\.9 MiB sampled/, 'the recorded top in brief in the now panel');

	screen.stdin.write(LEFT);
	await settle();
	frame = screen.lastFrame()!;
	assert.match(frame, new RegExp(`\\(${seconds - 10}s of ${seconds}s\\)`));
	screen.stdin.write(HOME);
	await settle();
	assert.match(screen.lastFrame()!, new RegExp(`\\(0s of ${seconds}s\\)`));
	assert.match(screen.lastFrame()!, /inconclusive over 0s/, 'at the first reading there is nothing to judge yet');
});

test('one target: s says a recording cannot; t opens the recorded top; l the evidence with the alert logged by the cursor', async (t) => {
	const recording = recordingOf([...extra, ...samples]);
	const screen = render(<ReplayScreen recording={recording} file="run.ndjson" intervalMs={1000} initialWindowMs={300_000} onQuit={() => {}} size={{ columns: 150, rows: 44 }} />);
	t.after(() => screen.unmount());
	assert.match(screen.lastFrame()!, / ALERT \d\d:\d\d:\d\d  heap used 5\.0 MiB over 4\.8 MiB/, 'the alert\'s banner, less than a minute after it tripped');
	screen.stdin.write('s');
	await settle();
	assert.match(screen.lastFrame()!, /s acts on a live process: this is a recording/);
	screen.stdin.write('t');
	await settle();
	assert.match(screen.lastFrame()!, /1\.4 MiB\s+75\.0%.*\+879 KiB\s+cacheRequest map-cache\.cjs:7/);
	screen.stdin.write('l');
	await settle();
	const leaks = screen.lastFrame()!;
	assert.match(leaks, /Alerts \(1\)/);
	assert.match(leaks, /heap used 5\.0 MiB over 4\.8 MiB · captured alert\.pb\.gz/);
	screen.stdin.write(HOME);
	await settle();
	assert.match(screen.lastFrame()!, /Alerts \(0\)/, 'before the alert tripped, none is logged');
});

test('two targets: the process list at the cursor; enter opens one, esc comes back', async (t) => {
	const other = samples.map((s) => ({ ...s, target: 'ws://127.0.0.1:9230/b' }));
	const recording = recordingOf([...extra.map((r) => ({ ...r, target: 'ws://127.0.0.1:9229/x' })), ...samples.map((s) => ({ ...s, target: 'ws://127.0.0.1:9229/x' })), ...other]);
	const screen = render(<ReplayScreen recording={recording} file="fleet.ndjson" intervalMs={1000} initialWindowMs={300_000} onQuit={() => {}} size={{ columns: 150, rows: 44 }} />);
	t.after(() => screen.unmount());
	let frame = screen.lastFrame()!;
	assert.match(frame, /targets 2 live, 0 gone\s+REPLAY at \d{4}-\d\d-\d\d \d\d:\d\d:\d\d UTC \(\d+s of \d+s\)  fleet\.ndjson/);
	assert.match(frame, /:9229\s+map-cache\.cjs/);
	assert.match(frame, /:9230/);
	screen.stdin.write('\r');
	await settle();
	frame = screen.lastFrame()!;
	assert.match(frame, /map-cache\.cjs\s+pid 4242.*● REPLAY/);
	screen.stdin.write('\u001b');
	await settle();
	assert.match(screen.lastFrame()!, /targets 2 live/);
	// --target opens a dashboard first: the list is one esc away.
	const named = render(<ReplayScreen recording={recording} file="fleet.ndjson" intervalMs={1000} initialWindowMs={300_000} initialKey="ws://127.0.0.1:9230/b" onQuit={() => {}} size={{ columns: 150, rows: 44 }} />);
	t.after(() => named.unmount());
	assert.match(named.lastFrame()!, /● REPLAY[\s\S]*Memory/);
	assert.doesNotMatch(named.lastFrame()!, /map-cache\.cjs/, 'the second target, which has no target record');
});
