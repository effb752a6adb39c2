// A span of a recording built as a History gives every figure the whole run's History gives at the same
// moments: the readings, their interval figures (allocation rate, GC pause and share), the GC events, the
// major-GC floors and the leak verdict. Checked on a real recording at many spans.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { parseRecording } from '../../source/model/recording.js';
import { detectLeaks } from '../../source/model/leak/detect.js';
import type { Tick } from '../../source/model/history.js';

const text = fs.readFileSync(new URL('../fixtures/recorded/sawtooth-node26.ndjson', import.meta.url), 'utf8');
// Pauses are differences of running sums, which start at the span: equal to the last few bits of a double.
const close = (v: number | undefined) => (v === undefined ? v : Math.round(v * 1e6) / 1e6);
const figures = (tick: Tick) => [tick.t, tick.reading?.heapUsed, tick.reading?.rss, tick.reading?.handles, tick.allocRate, close(tick.gcPauseMs), close(tick.gcTimePercent), tick.gcCount];

test('a span of a recording has the figures the whole run has at the same moments', () => {
	const [target] = parseRecording(text, true).targets;
	const whole = target.history;
	assert.ok(whole.ticks.length >= 50 && whole.gcEvents.length >= 50, 'a recording with readings and GC events to compare');
	for (const [from, to] of [[target.start, target.end], [target.start + 10_000, target.start + 40_000], [target.start + 25_500, target.end], [target.end - 5000, target.end]]) {
		const span = target.historyBetween(from, to);
		const inside = (t: number) => t >= from && t <= to;
		// The span starts one reading early (its first interval is worked out against it): compare from the second.
		assert.deepEqual(span.ticks.slice(1).map(figures), whole.ticks.filter((tick) => inside(tick.t)).slice(from === target.start ? 1 : 0).map(figures), `${from - target.start}..${to - target.start}`);
		const after = span.ticks[0].t;
		assert.deepEqual(span.gcEvents, whole.gcEvents.filter((e) => e.t > after && e.t <= to));
		assert.deepEqual(span.majorFloors, whole.majorFloors.filter((f) => f.t > after && f.t <= to));
		assert.deepEqual(detectLeaks(span, to, to - from), detectLeaks(whole, to, to - from));
	}
});

test('a recording written out of order is read in time order; readings and GC events before a span are left out', () => {
	const lines = text.trim().split('\n');
	const shuffled = [...lines.slice(40), ...lines.slice(0, 40)].join('\n') + '\n';
	const [inOrder] = parseRecording(text, true).targets;
	const [target] = parseRecording(shuffled, true).targets;
	assert.deepEqual(target.history.ticks.map(figures), inOrder.history.ticks.map(figures));
	const empty = target.historyBetween(target.end + 1000, target.end + 2000);
	assert.deepEqual(empty.ticks.map((tick) => tick.t), [target.end], 'after the run: only the last reading, as the one before');
});
