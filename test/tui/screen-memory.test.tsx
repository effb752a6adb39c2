// memtop watches memory for hours, so its own screen must not grow with every frame it draws.
// ink 6 keeps every distinct string it measures forever; the dashboard must only give it constant text.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import v8 from 'node:v8';
import vm from 'node:vm';
import { Writable } from 'node:stream';

// As memtop runs it: React's development build keeps profiling entries for every render, by design.
process.env.NODE_ENV = 'production';
process.env.FORCE_COLOR = '1'; // with the colour codes a terminal gets
const React = (await import('react')).default; // after the line above, like everything that uses React
const { render } = await import('ink');
const { Dashboard } = await import('../../source/tui/components/dashboard.js');
const { History } = await import('../../source/model/history.js');

v8.setFlagsFromString('--expose-gc');
const gc = vm.runInNewContext('gc') as () => void;
const MB = 1024 * 1024;

function usedAfterGc(): number {
	gc();
	gc();
	return process.memoryUsage().heapUsed;
}

test('drawing frames of changing data does not grow the heap', () => {
	const history = new History(130_000); // keeps the window and a little more: the history is flat too
	let t = 1_000_000;
	const frame = (i: number) => {
		t += 1000;
		history.addReading({ t, heapUsed: (20 + (i % 50)) * MB + i, heapTotal: 64 * MB, heapLimit: 4096 * MB, rss: 120 * MB + i * 4096, external: 2 * MB,
			arrayBuffers: MB, allocatedBytes: 5 * MB + i, spanMs: 1000, handles: { Timeout: 2 + (i % 3) }, cpuPercent: i % 100,
			loopDelayP50Ms: 10, loopDelayP99Ms: 12, gc: { count: i, minor: i, major: 0, incremental: 0, weakcb: 0, pauseMs: i * 2 } });
		return (
			<Dashboard history={history} state="live" at={t} frozen={false} windowMs={120_000} intervalMs={1000} elapsedMs={i * 1000}
				columns={160} rows={48} />
		);
	};
	// A real Ink instance on a sink: ink-testing-library keeps every frame, which would hide the answer.
	let written = 0;
	const sink = Object.assign(new Writable({ write: (chunk, _encoding, done) => { written++; done(); } }), { columns: 160, rows: 48 });
	const screen = render(frame(0), { stdout: sink as unknown as NodeJS.WriteStream, debug: true, patchConsole: false, exitOnCtrlC: false });
	// Fill the window (so the history stops growing), then draw 400 frames more: what is made once (compiled code,
	// the chart columns kept between frames) is made by then, and what follows is growth per frame.
	for (let i = 1; i <= 530; i++) screen.rerender(frame(i));
	const before = usedAfterGc();
	for (let i = 531; i <= 930; i++) screen.rerender(frame(i));
	const grown = usedAfterGc() - before;
	screen.unmount();
	assert.ok(written >= 930, `every frame was drawn (${written} writes)`);
	// Measured before the fix: 0.6 MB over 400 frames, and on with every frame (ink kept each row it measured); after:
	// at most 0.15 MB (Node 20) and none (Node 24).
	assert.ok(grown < 0.3 * MB, `heap grew ${(grown / MB).toFixed(2)} MB over 400 frames`);
});
