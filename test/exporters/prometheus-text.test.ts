// The /metrics text: exact lines for known figures, nothing for figures a target did not give, labels escaped,
// histogram buckets cumulative, and the whole page accepted by Prometheus's own checker (promtool).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { prometheusText, type TargetMetrics } from '../../source/exporters/prometheus-text.js';
import { GcHistogram } from '../../source/model/stats/gc-histogram.js';
import type { Reading } from '../../source/types.js';
import { needs } from '../helpers/tools.js';

const reading: Reading = {
	t: 1, heapUsed: 10_000_000, heapTotal: 20_000_000, heapLimit: 4_000_000_000, rss: 60_000_000, external: 2_000_000, arrayBuffers: 500_000,
	handles: { Timeout: 2, TCPServerWrap: 1 }, loopDelayP50Ms: 1.5, loopDelayP99Ms: 12,
};
const labels = { pid: '42', title: 'api', runtime: 'node', port: '9229', thread: 'main' };

function target(overrides: Partial<TargetMetrics> = {}): TargetMetrics {
	const gcPauses = new GcHistogram();
	gcPauses.observe([{ t: 1, kind: 'minor', pauseMs: 0.3 }, { t: 2, kind: 'minor', pauseMs: 2 }, { t: 3, kind: 'major', pauseMs: 40 }]);
	return { labels, up: true, reading, allocRate: 1_500_000, gcPauses, verdict: 'leak', ...overrides };
}

/** promtool's verdict on a page: its exit status and what it said. */
const promtool = (text: string) => spawnSync('promtool', ['check', 'metrics'], { input: text, encoding: 'utf8' });

test('known figures give exact lines: gauges, handles by type, verdict as 1 of 3, GC pauses as a cumulative histogram', needs('promtool'), () => {
	const text = prometheusText([target()]);
	const l = '{pid="42",title="api",runtime="node",port="9229",thread="main"';
	for (const line of [
		`memtop_target_up${l}} 1`,
		`memtop_heap_used_bytes${l}} 10000000`,
		`memtop_heap_limit_bytes${l}} 4000000000`,
		`memtop_rss_bytes${l}} 60000000`,
		`memtop_allocation_rate_bytes_per_second${l}} 1500000`,
		`memtop_active_handles${l},type="Timeout"} 2`,
		`memtop_active_handles${l},type="TCPServerWrap"} 1`,
		`memtop_event_loop_delay_p99_seconds${l}} 0.012`,
		`memtop_leak_verdict${l},verdict="leak"} 1`,
		`memtop_leak_verdict${l},verdict="no-leak"} 0`,
		`memtop_gc_pause_seconds_bucket${l},kind="minor",le="0.0005"} 1`,
		`memtop_gc_pause_seconds_bucket${l},kind="minor",le="0.0025"} 2`,
		`memtop_gc_pause_seconds_bucket${l},kind="minor",le="+Inf"} 2`,
		`memtop_gc_pause_seconds_count${l},kind="minor"} 2`,
		`memtop_gc_pause_seconds_sum${l},kind="minor"} 0.0023`,
		`memtop_gc_pause_seconds_bucket${l},kind="major",le="0.025"} 0`,
		`memtop_gc_pause_seconds_bucket${l},kind="major",le="0.05"} 1`,
		'memtop_targets 1',
	]) assert.ok(text.split('\n').includes(line), `missing: ${line}\n${text}`);
	assert.equal(text.match(/^# TYPE memtop_gc_pause_seconds histogram$/gm)?.length, 1);
	const result = promtool(text);
	assert.equal(result.status, 0, `promtool: ${result.stdout}${result.stderr}`);
});

test('a figure a target did not give is left out, never written as 0; an empty family is not written at all', needs('promtool'), () => {
	const text = prometheusText([target({ up: false, reading: undefined, allocRate: undefined, gcPauses: new GcHistogram(), verdict: undefined })]);
	assert.match(text, /^memtop_target_up\{.*\} 0$/m);
	assert.match(text, /^memtop_targets 0$/m);
	for (const name of ['memtop_heap_used_bytes', 'memtop_allocation_rate', 'memtop_gc_pause_seconds', 'memtop_leak_verdict', 'memtop_active_handles']) {
		assert.ok(!text.includes(name), `${name} should be absent:\n${text}`);
	}
	assert.equal(promtool(text).status, 0);
});

test('label values are escaped; two targets share each family block; promtool accepts the page', needs('promtool'), () => {
	const odd = target({ labels: { ...labels, pid: '43', title: 'say "hi"\\ \nnow' } });
	const text = prometheusText([target(), odd]);
	assert.ok(text.includes('title="say \\"hi\\"\\\\ \\nnow"'), text);
	assert.equal(text.match(/^# TYPE memtop_heap_used_bytes gauge$/gm)?.length, 1);
	assert.equal(text.match(/^memtop_heap_used_bytes\{/gm)?.length, 2);
	const result = promtool(text);
	assert.equal(result.status, 0, `promtool: ${result.stdout}${result.stderr}`);
	// The checker can fail: a page with a family written twice is refused.
	assert.notEqual(promtool(text + text).status, 0);
});
