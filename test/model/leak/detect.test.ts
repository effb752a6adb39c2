// The detection math on recorded-shape series: a leak under a sawtooth, heavy garbage, a cache that fills to a
// cap, too little watching, a handle type that keeps growing, and memory outside the heap.
import { test } from 'node:test';
import { readFileSync } from 'node:fs';
import assert from 'node:assert/strict';
import { History } from '../../../source/model/history.js';
import { recorded } from '../../helpers/recorded.js';
import { detectLeaks } from '../../../source/model/leak/detect.js';
import { judgeGrowth, linearFit, lowerEnvelope } from '../../../source/model/leak/growth.js';
import type { Reading } from '../../../source/types.js';

const MB = 1024 * 1024;
const T0 = 1_000_000;
const reading = (i: number, over: Partial<Reading>): Reading => ({
	t: T0 + i * 1000, heapUsed: 20 * MB, heapTotal: 64 * MB, heapLimit: 4096 * MB, rss: 120 * MB, external: 2 * MB, arrayBuffers: MB,
	handles: { Timeout: 2 }, ...over,
});
/** A history of `seconds` readings, one a second; `major` adds a major GC's floor every that many seconds. */
function record(seconds: number, at: (i: number) => Partial<Reading>, major?: { every: number; floor: (i: number) => number }): History {
	const h = new History();
	for (let i = 0; i < seconds; i++) {
		h.addReading(reading(i, at(i)));
		if (major && i % major.every === major.every - 1) h.addGcEvents([{ t: T0 + i * 1000 + 500, kind: 'major', pauseMs: 5, heapBefore: 0, heapAfter: major.floor(i) }]);
	}
	return h;
}
// Young-generation sawtooth: up 8 MB over 4 s, then back down, whatever the floor does.
const saw = (i: number) => (i % 4) * 2 * MB;
const end = (seconds: number) => T0 + (seconds - 1) * 1000;

test('a line fit gives slope per minute and r²', () => {
	const fit = linearFit([{ t: 0, v: 0 }, { t: 60_000, v: 10 }, { t: 120_000, v: 20 }])!;
	assert.equal(fit.slopePerMin, 10);
	assert.equal(fit.r2, 1);
	assert.deepEqual(lowerEnvelope([{ t: 0, v: 5 }, { t: 1, v: 3 }, { t: 2, v: 9 }, { t: 3, v: 7 }], 0, 4, 2), [{ t: 1, v: 3 }, { t: 3, v: 7 }]);
});

test('a heap leak under a sawtooth: the rising envelope is a suspicion, major-GC floors confirm it (3 MB/min within 60 s)', () => {
	const h = record(60, (i) => ({ heapUsed: 30 * MB + i * 50 * 1024 + saw(i) }));
	const suspected = detectLeaks(h, end(60), 5 * 60_000);
	assert.equal(suspected.heap.basis, 'lower envelope of heap used');
	assert.ok(Math.abs(suspected.heap.slopePerMin! - 3 * MB) < 0.2 * MB, `slope ${suspected.heap.slopePerMin}`);
	assert.equal(suspected.verdict, 'inconclusive', 'old-generation garbage would look the same');
	assert.equal(suspected.confirmWithGc, true);
	assert.match(suspected.need!, /full GCs to confirm/);
	// Three full GCs (as the watchdog forces them) leave floors that keep rising: now it is a leak.
	const confirmed = record(60, (i) => ({ heapUsed: 30 * MB + i * 50 * 1024 + saw(i) }), { every: 8, floor: (i) => 30 * MB + i * 50 * 1024 });
	const report = detectLeaks(confirmed, end(60), 5 * 60_000);
	assert.equal(report.heap.basis, 'major GC floors');
	assert.equal(report.verdict, 'leak', report.heap.reason);
	assert.deepEqual(report.kinds, ['heap']);
	assert.equal(report.confirmWithGc, false);
});

test('a cache that evicts into the old generation: the envelope rises until full GCs show a flat floor', () => {
	const h = record(60, (i) => ({ heapUsed: 30 * MB + i * 60 * 1024 + saw(i) }), { every: 15, floor: () => 31 * MB });
	const report = detectLeaks(h, end(60), 5 * 60_000);
	assert.equal(report.heap.basis, 'major GC floors');
	assert.equal(report.verdict, 'no-leak', report.heap.reason);
});

test('heavy garbage with a flat floor is not a leak, however high the peaks', () => {
	const h = record(90, (i) => ({ heapUsed: 30 * MB + (i % 10) * 6 * MB }), { every: 10, floor: () => 30 * MB + Math.round(Math.random() * 200 * 1024) });
	const report = detectLeaks(h, end(90), 5 * 60_000);
	assert.equal(report.heap.basis, 'major GC floors');
	assert.equal(report.verdict, 'no-leak', report.heap.reason);
});

test('a cache that grows to its cap and stays there is not a leak', () => {
	const h = record(120, (i) => ({ heapUsed: 30 * MB + Math.min(i, 40) * 200 * 1024 + saw(i) }));
	const report = detectLeaks(h, end(120), 5 * 60_000);
	assert.notEqual(report.heap.verdict, 'leak', report.heap.reason);
	assert.equal(report.verdict, 'no-leak', report.heap.reason);
});

test('too little watching is inconclusive, and says how much more is needed', () => {
	const h = record(12, (i) => ({ heapUsed: 30 * MB + i * MB }));
	const report = detectLeaks(h, end(12), 5 * 60_000);
	assert.equal(report.verdict, 'inconclusive');
	assert.match(report.need!, /^19 s more watching/);
});

test('a handle type that keeps growing against its baseline is a handle leak; a busy but steady one is not', () => {
	const h = record(60, (i) => ({ handles: { Timeout: 3 + Math.floor(i / 2), TCPSocketWrap: 4 + (i % 5) } }));
	const report = detectLeaks(h, end(60), 5 * 60_000);
	assert.equal(report.verdict, 'leak');
	assert.deepEqual(report.kinds, ['handles']);
	const timeout = report.handles.find((x) => x.type === 'Timeout')!;
	assert.deepEqual([timeout.verdict, timeout.start, timeout.end], ['leak', 3, 32]);
	assert.equal(report.handles.find((x) => x.type === 'TCPSocketWrap')!.verdict, 'no-leak');
});

test('buffers retained outside the heap are an external leak; RSS alone is named only when neither heap grows', () => {
	const h = record(60, (i) => ({ external: 2 * MB + i * 100 * 1024, rss: 120 * MB + i * 100 * 1024, heapUsed: 30 * MB + saw(i) }));
	const report = detectLeaks(h, end(60), 5 * 60_000);
	assert.deepEqual(report.kinds, ['external']);
	// Memory outside the heaps is judged after 2 minutes: a young process grows it while it warms up.
	const young = detectLeaks(record(60, (i) => ({ rss: 120 * MB + i * 100 * 1024, heapUsed: 30 * MB + saw(i) })), end(60), 5 * 60_000);
	assert.deepEqual(young.kinds, []);
	assert.match(young.rss.reason, /judged after 120 s/);
	const native = detectLeaks(record(130, (i) => ({ rss: 120 * MB + i * 100 * 1024, heapUsed: 30 * MB + saw(i) })), end(130), 5 * 60_000);
	assert.deepEqual(native.kinds, ['rss']);
});

test('uneven growth that a line does not explain is inconclusive rather than a guess', () => {
	const points = [0, 9, 1, 8, 2, 12, 3, 10, 4, 14].map((v, i) => ({ t: i * 6000, v: v * MB }));
	const judged = judgeGrowth(points, { minSlopePerMin: 256 * 1024, minRelativeSlopePerMin: 0.01, minPoints: 6, minR2: 0.6, minGrowthShare: 0.6, minTailRatio: 0.3 }, String);
	assert.equal(judged.verdict, 'inconclusive', judged.reason);
});

/** A recording memtop made of a real program (NDJSON, trimmed to what leak detection reads) as a history. */
test('recorded: a cache that fills to its cap in 20 s and evicts after, watched for 60 s, is no leak', () => {
	const { history, end } = recorded('capped-cache.ndjson');
	const report = detectLeaks(history, end, 5 * 60_000);
	assert.equal(report.heap.basis, 'major GC floors');
	assert.notEqual(report.verdict, 'leak', report.heap.reason);
});

test('recorded: an unbounded Map cache (about 4 MB/min) watched for 60 s is a heap leak, judged on its major-GC floors', () => {
	const { history, end } = recorded('map-cache.ndjson');
	const report = detectLeaks(history, end, 5 * 60_000);
	assert.equal(report.heap.basis, 'major GC floors');
	assert.equal(report.verdict, 'leak', report.heap.reason);
	assert.deepEqual(report.kinds, ['heap']);
	assert.ok(report.heap.slopePerMin! > 1 * MB && report.heap.slopePerMin! < 8 * MB, `slope ${report.heap.slopePerMin}`);
});

/** The verdict after every sample of a recording, as the watchdog would have judged it live. */
function verdictsOver(name: string): { second: number; report: ReturnType<typeof detectLeaks> }[] {
	const history = new History();
	const out: { second: number; report: ReturnType<typeof detectLeaks> }[] = [];
	let t0 = 0;
	for (const r of readFileSync(new URL(`../../fixtures/recorded/${name}`, import.meta.url), 'utf8').trim().split('\n').map((l) => JSON.parse(l))) {
		if (r.type === 'gc') history.addGcEvents([{ t: r.t, kind: r.kind, pauseMs: r.pauseMs, heapAfter: r.heapAfter }]);
		if (r.type !== 'sample') continue;
		t0 ||= r.t;
		history.addReading({ t: r.t, heapUsed: r.heapUsed, heapTotal: r.heapTotal, heapLimit: 4096 * MB, rss: r.rss, external: r.external, arrayBuffers: 0, handles: r.handles });
		out.push({ second: Math.round((r.t - t0) / 1000), report: detectLeaks(history, r.t, 5 * 60_000) });
	}
	return out;
}

test('recorded on Node 24: the floor drops once ~30 s after start (V8 trims), and the leak is still a leak within 60 s, never no-leak', () => {
	const verdicts = verdictsOver('map-cache-node24.ndjson');
	const last = verdicts.at(-1)!.report;
	assert.equal(last.verdict, 'leak', last.heap.reason);
	assert.deepEqual(last.kinds, ['heap']);
	assert.match(last.heap.reason, /across one drop of 7\d\d KiB/);
	assert.ok(last.heap.slopePerMin! > 2 * MB && last.heap.slopePerMin! < 3.5 * MB, `slope ${last.heap.slopePerMin}`);
	for (const { second, report } of verdicts) assert.notEqual(report.verdict, 'no-leak', `at ${second} s: ${report.heap.reason}`);
	// While the floor has not yet climbed back past where it was, the verdict waits and says why.
	const waiting = verdicts.find((v) => v.second === 40)!.report;
	assert.equal(waiting.verdict, 'inconclusive');
	assert.match(waiting.heap.reason, /^climbing back after one drop/);
});

test('recorded on Node 26: a healthy sawtooth is never a leak, though memory outside the heaps grows 7 MB/min while it warms up', () => {
	const verdicts = verdictsOver('sawtooth-node26.ndjson');
	for (const { second, report } of verdicts) assert.notEqual(report.verdict, 'leak', `at ${second} s: ${report.heap.reason} / ${report.rss.reason}`);
	const at35 = verdicts.find((v) => v.second === 35)!.report;
	assert.ok(at35.rss.slopePerMin! > 4 * MB, 'the warm-up growth is there to be ignored');
	assert.match(at35.rss.reason, /judged after 120 s/);
	assert.equal(verdicts.at(-1)!.report.verdict, 'no-leak');
});

test('a floor that wobbles with no trend a line explains is no leak, even if its fitted slope is not tiny', () => {
	// Heavy garbage seen on a busy machine: 11 floors, a fitted 300 KB/min that explains under a tenth of their movement.
	const wobble = [-101, 588, -342, 771, 914, -1183, -1018, 878, 1790, -297, 369];
	const points = wobble.map((kb, i) => ({ t: i * 6000, v: 30 * MB + kb * 1024 }));
	const judged = judgeGrowth(points, { minSlopePerMin: 256 * 1024, minRelativeSlopePerMin: 0.005, minPoints: 3, minR2: 0.6, minGrowthShare: 0.6, minTailRatio: 0.3 }, String);
	assert.ok(judged.slopePerMin! > 256 * 1024 && judged.r2! < 0.2, `the case: ${judged.slopePerMin} at r² ${judged.r2}`);
	assert.equal(judged.verdict, 'no-leak', judged.reason);
	assert.match(judged.reason, /^no trend beyond noise/);
});

test('a worker thread\'s growing heap is in the process\'s RSS, not a native leak of the main thread', () => {
	// RSS climbs 6 MB/min and the main thread's heap is flat: memory outside it grows, unless a worker holds it.
	const history = record(150, (i) => ({ rss: 120 * MB + i * 100 * 1024, heapUsed: 30 * MB + saw(i) }));
	const alone = detectLeaks(history, end(150), 5 * 60_000);
	assert.deepEqual(alone.kinds, ['rss'], 'without workers, this is memory outside the heaps growing');
	const workers = Array.from({ length: 150 }, (_, i) => ({ t: T0 + i * 1000, v: 8 * MB + i * 100 * 1024 }));
	const withWorker = detectLeaks(history, end(150), 5 * 60_000, workers);
	assert.equal(withWorker.rss.verdict, 'no-leak', withWorker.rss.reason);
	assert.equal(withWorker.verdict, 'no-leak');
});
