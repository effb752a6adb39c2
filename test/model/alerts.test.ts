import { test } from 'node:test';
import assert from 'node:assert/strict';
import { AlertRules, parseByteRate, parseBytes, parseMs } from '../../source/model/alerts.js';
import type { Tick } from '../../source/model/history.js';
import type { Reading } from '../../source/types.js';

const MB = 1024 * 1024;
const tick = (t: number, over: Partial<Reading> = {}, allocRate?: number): Tick => ({
	t, allocRate, reading: { t, heapUsed: 10 * MB, heapTotal: 20 * MB, heapLimit: 1024 * MB, rss: 50 * MB, external: MB, arrayBuffers: 0, handles: { Timeout: 1 }, ...over },
});

test('thresholds as people write them', () => {
	assert.equal(parseBytes('500MiB'), 500 * MB);
	assert.equal(parseBytes('500MB'), 500e6, 'MB is a million bytes, as the unit says');
	assert.equal(parseBytes('1.5 GiB'), 1.5 * 1024 * MB);
	assert.equal(parseBytes('1.5 GB'), 1.5e9);
	assert.equal(parseBytes('2048'), 2048);
	assert.equal(parseBytes('64kib'), 64 * 1024);
	assert.equal(parseBytes('lots'), undefined);
	assert.equal(parseByteRate('50MiB/s'), 50 * MB);
	assert.equal(parseMs('100ms'), 100);
	assert.equal(parseMs('1.5s'), 1500);
	assert.equal(parseMs('200'), 200);
	assert.equal(parseMs('2m'), undefined);
});

test('an alert trips on the way up, once, and again only after the value fell back below', () => {
	const rules = new AlertRules([{ metric: 'heap', threshold: 100 * MB }]);
	assert.deepEqual(rules.check(tick(1, { heapUsed: 90 * MB }), [], false), []);
	const [first] = rules.check(tick(2, { heapUsed: 120 * MB }), [], false);
	assert.deepEqual([first.metric, first.value, first.threshold], ['heap', 120 * MB, 100 * MB]);
	assert.match(first.text, /heap used 120 MiB is over 100 MiB/);
	assert.deepEqual(rules.check(tick(3, { heapUsed: 130 * MB }), [], false), [], 'still over: no second alert');
	assert.deepEqual(rules.check({ t: 4 }, [], false), [], 'a gap changes nothing');
	assert.deepEqual(rules.check(tick(5, { heapUsed: 80 * MB }), [], false), []);
	assert.equal(rules.check(tick(6, { heapUsed: 101 * MB }), [], false).length, 1, 'over again after falling back');
});

test('each metric reads its own value: GC pause from the interval\'s GCs, rates, handles, loop delay, the leak verdict', () => {
	const rules = new AlertRules([
		{ metric: 'gc-pause', threshold: 100 }, { metric: 'alloc-rate', threshold: 50 * MB }, { metric: 'handles', threshold: 3 },
		{ metric: 'loop-delay', threshold: 200 }, { metric: 'rss', threshold: 40 * MB }, { metric: 'leak', threshold: 1 },
	]);
	const tripped = rules.check(tick(1, { handles: { Timeout: 2, TCPSocketWrap: 2 }, loopDelayP99Ms: 250 }, 60 * MB), [{ t: 1, kind: 'major', pauseMs: 140 }], true);
	assert.deepEqual(tripped.map((a) => [a.metric, a.value]), [['gc-pause', 140], ['alloc-rate', 60 * MB], ['handles', 4], ['loop-delay', 250], ['rss', 50 * MB], ['leak', 1]]);
	// An interval without a GC has no pause: the GC alert re-arms, and the next long pause trips it again.
	assert.deepEqual(rules.check(tick(2, { handles: { Timeout: 4 }, loopDelayP99Ms: 250 }, 60 * MB), [], true), []);
	assert.deepEqual(rules.check(tick(3, { handles: { Timeout: 4 }, loopDelayP99Ms: 250 }, 60 * MB), [{ t: 3, kind: 'major', pauseMs: 120 }], true).map((a) => a.metric), ['gc-pause']);
});
