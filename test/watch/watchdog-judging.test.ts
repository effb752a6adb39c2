// The leak verdict is worked out again a fixed number of times per window: every reading of a short window, every
// twelve seconds of an hour's, so the work per second is the same at any window; and the verdict it gives is the
// one detectLeaks gives at that moment.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { History } from '../../source/model/history.js';
import { JUDGMENTS_PER_WINDOW, Watchdog } from '../../source/watch/watchdog.js';
import { detectLeaks } from '../../source/model/leak/detect.js';
import type { TopSource } from '../../source/watch/live-top-status.js';

/** Feed `seconds` of readings every 100 ms (timers that pile up) and note when the verdict was worked out. */
function judgedAt(windowMs: number, seconds: number): { times: number[]; history: History; watchdog: Watchdog } {
	const history = new History();
	const watchdog = new Watchdog(history, {} as TopSource, {}, { windowMs, rules: [], capture: 'none', cooldownMs: 0, outDir: '/nonexistent', confirmWithGc: false });
	const times: number[] = [];
	for (let i = 0; i < seconds * 10; i++) {
		const t = 1_000_000 + i * 100 + (i % 3); // readings jitter by a few ms
		watchdog.onTick(history.addReading({ t, heapUsed: 10e6 + i * 4000 + (i % 20) * 50_000, heapTotal: 20e6, rss: 60e6, external: 1e6, handles: { Timeout: 2 + Math.floor(i / 10) } }));
		if (watchdog.report!.at !== times.at(-1)) times.push(watchdog.report!.at);
	}
	return { times, history, watchdog };
}

test('a 30 s window at 100 ms is judged at every reading', () => {
	const { times } = judgedAt(30_000, 60);
	assert.equal(times.length, 600);
});

test("an hour's window is judged every twelve seconds, with the verdict detectLeaks gives then", () => {
	const hour = 3_600_000;
	const { times, history, watchdog } = judgedAt(hour, 120);
	const spacing = times.slice(1).map((t, i) => t - times[i]);
	assert.ok(spacing.every((ms) => ms >= hour / JUDGMENTS_PER_WINDOW - 50 && ms <= hour / JUDGMENTS_PER_WINDOW + 100), `spacing ${spacing.join(' ')}`);
	assert.equal(times.length, 10, 'two minutes hold ten judgments of an hour-long window');
	assert.deepEqual(watchdog.report, detectLeaks(history, watchdog.report!.at, hour), 'the verdict shown is the one of the moment it was judged');
	assert.deepEqual(watchdog.report!.kinds, ['handles'], 'a timer more every second for two minutes');
});
