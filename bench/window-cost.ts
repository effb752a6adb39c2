// What one reading and one frame cost at chart windows of 30 s, 5 min and 1 h, each window full: an hour of
// readings at 100 ms (36,000, with a GC event each) fed through memtop's own History, Watchdog, chart specs and
// now panel, in this process. The live screens' CPU is measured in bench/dashboard.ts; this isolates the work
// that scales with the window, with every window holding all it can (a real run takes an hour to fill 1 h).
import { History } from '../source/model/history.js';
import { Watchdog } from '../source/watch/watchdog.js';
import { chartSpec } from '../source/render/chart-specs.js';
import { nowLines } from '../source/render/now-lines.js';
import { sampleRecord } from '../source/headless/records.js';
import type { GcEvent, Reading } from '../source/types.js';

const INTERVAL = 100;
const HOUR = 3_600_000;
const PLOT_COLUMNS = 120; // a 160-column screen's charts
const CHARTS = ['heap', 'gc', 'alloc', 'handles'] as const;

function reading(i: number, t: number): Reading {
	const saw = (i % 50) * 200_000; // a sawtooth that a minor GC cuts every 5 s
	return {
		t, heapUsed: 40e6 + saw + i * 10, heapTotal: 64e6, rss: 120e6 + i * 5, external: 2e6, arrayBuffers: 1e6, allocatedBytes: 2e6, spanMs: INTERVAL,
		handles: { TCPSocketWrap: 10 + (i % 7), Timeout: 3, FSReqCallback: i % 3 }, gc: { count: i, minor: i, major: Math.floor(i / 100), incremental: 0, weakcb: 0, pauseMs: i * 0.4 },
	};
}
const gcEvent = (i: number, t: number): GcEvent => (i % 100 === 0 ? { t, kind: 'major', pauseMs: 3 + (i % 13) * 0.1, heapBefore: 50e6, heapAfter: 40e6 + i * 10 } : { t, kind: 'minor', pauseMs: 0.3 + (i % 17) * 0.05 });

/** Per-call microseconds of fn, run `times` times. */
function time(times: number, fn: (k: number) => void): number {
	const t0 = performance.now();
	for (let k = 0; k < times; k++) fn(k);
	return ((performance.now() - t0) * 1000) / times;
}

const start = Date.UTC(2026, 0, 1);
const readings = HOUR / INTERVAL;
/** Readings measured at the end of the hour: two minutes, ten of the 1 h window's judgments (one each 12 s). */
const MEASURED = 1200;

function measure(windowMs: number): { reading: number; frame: number; headless: number } {
	const history = new History();
	const watchdog = new Watchdog(history, { sampling: false } as never, {}, { windowMs, rules: [], capture: 'none', cooldownMs: 0, outDir: '/nonexistent', confirmWithGc: false });
	let i = 0;
	const add = () => {
		const t = start + i * INTERVAL;
		history.addGcEvents([gcEvent(i, t - 5)]);
		return history.addReading(reading(i++, t));
	};
	// Fill the hour without judging (judging all 36,000 readings would take the bench all day), then measure.
	while (i < readings - MEASURED) add();
	// What a live run builds up as the hour goes by (the verdict, the GC window, the chart columns) is built here
	// once, so the measured readings and frames cost what they would an hour into a run.
	watchdog.onTick(history.ticks.at(-1)!);
	sampleRecord(history.ticks.at(-1)!, history, windowMs);
	const frame = (at: number) => {
		for (const name of CHARTS) chartSpec(name, history, at, windowMs, PLOT_COLUMNS, INTERVAL);
		nowLines(history, at, windowMs);
	};
	frame(history.ticks.at(-1)!.t);
	let judging = 0;
	let recording = 0;
	for (let k = 0; k < MEASURED; k++) {
		const tick = add();
		const t0 = performance.now();
		watchdog.onTick(tick);
		const t1 = performance.now();
		sampleRecord(tick, history, windowMs);
		recording += performance.now() - t1;
		judging += t1 - t0;
	}
	const at = start + (i - 1) * INTERVAL;
	const perFrame = time(40, (k) => frame(at + k));
	return { reading: (judging * 1000) / MEASURED, frame: perFrame, headless: (recording * 1000) / MEASURED };
}

const WINDOWS = [['30 s', 30_000], ['5 min', 300_000], ['1 h', HOUR]] as const;
measure(30_000); // warm-up: the first run pays for compiling the code
const results = WINDOWS.map(([window, ms]) => ({ window, ...measure(ms) }));
const base = results[0];
console.log(`window cost, each window full (readings every ${INTERVAL} ms, an hour of history, ${PLOT_COLUMNS} plot columns):`);
for (const r of results) {
	console.log(`  window ${r.window.padEnd(5)}: leak verdict per reading ${r.reading.toFixed(0).padStart(7)} µs (${(r.reading / base.reading).toFixed(2)}x 30 s's), per frame ${r.frame.toFixed(0).padStart(7)} µs (${(r.frame / base.frame).toFixed(2)}x), NDJSON record ${r.headless.toFixed(0).padStart(6)} µs (${(r.headless / base.headless).toFixed(2)}x)`);
}
