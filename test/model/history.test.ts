import { test } from 'node:test';
import assert from 'node:assert/strict';
import { History, MAX_GC_EVENTS } from '../../source/model/history.js';
import type { Reading } from '../../source/types.js';

const reading = (t: number, extra: Partial<Reading> = {}): Reading => ({
	t, heapUsed: 10, heapTotal: 20, heapLimit: 100, rss: 50, external: 1, arrayBuffers: 1, handles: {}, ...extra,
});
const gc = (count: number, pauseMs: number) => ({ count, minor: count, major: 0, incremental: 0, weakcb: 0, pauseMs });

test('allocation rate is bytes per second over the reading span', () => {
	const h = new History();
	h.addReading(reading(1000));
	const tick = h.addReading(reading(1500, { allocatedBytes: 5_000_000, spanMs: 500 }));
	assert.equal(tick.allocRate, 10_000_000);
});

test('GC pause and time share per interval come from the difference of cumulative counters', () => {
	const h = new History();
	assert.equal(h.addReading(reading(1000, { gc: gc(3, 4) })).gcPauseMs, undefined, 'no previous reading: absent');
	const tick = h.addReading(reading(2000, { gc: gc(5, 14), spanMs: 1000 }));
	assert.equal(tick.gcPauseMs, 10);
	assert.equal(tick.gcCount, 2);
	assert.equal(tick.gcTimePercent, 1);
});

test('counters that went backwards (a new probe) are not diffed', () => {
	const h = new History();
	h.addReading(reading(1000, { gc: gc(50, 100) }));
	const tick = h.addReading(reading(2000, { gc: gc(2, 1), spanMs: 1000 }));
	assert.equal(tick.gcPauseMs, undefined);
	h.resetBaseline();
	assert.equal(h.addReading(reading(3000, { gc: gc(3, 2), spanMs: 1000 })).gcPauseMs, undefined);
});

test('a gap is a tick without a reading; latest() skips it', () => {
	const h = new History();
	h.addReading(reading(1000));
	h.addGap(2000);
	assert.equal(h.ticks.length, 2);
	assert.equal(h.ticks[1].reading, undefined);
	assert.equal(h.latest()!.t, 1000);
});

test('major GCs keep the heap floor; history is pruned by age', () => {
	const h = new History(10_000);
	h.addGcEvents([{ t: 1000, kind: 'major', pauseMs: 5, heapBefore: 900, heapAfter: 300 }, { t: 1100, kind: 'minor', pauseMs: 1 }], 2);
	assert.deepEqual(h.majorFloors, [{ t: 1000, heapAfter: 300 }]);
	assert.equal(h.droppedGcEvents, 2);
	h.addReading(reading(5000));
	h.addReading(reading(20_000));
	assert.deepEqual(h.ticks.map((t) => t.t), [20_000]);
	assert.equal(h.gcEvents.length, 0);
	assert.equal(h.majorFloors.length, 0);
});

test('raw GC events are capped, oldest first, so a GC storm cannot grow memtop without bound', () => {
	const h = new History();
	for (let batch = 0; batch < 25; batch++) {
		h.addGcEvents(Array.from({ length: 10_000 }, (_, i) => ({ t: 1_000_000 + batch * 10_000 + i, kind: 'minor' as const, pauseMs: 1 })));
	}
	assert.equal(h.gcEvents.length, MAX_GC_EVENTS);
	assert.equal(h.gcEvents[0].t, 1_000_000 + 250_000 - MAX_GC_EVENTS);
	assert.equal(h.gcEvents.at(-1)!.t, 1_000_000 + 249_999);
});
