// The /metrics text: exact lines for known figures, nothing for figures a target did not give, labels escaped,
// histogram buckets cumulative, and the whole page accepted by Prometheus's own checker (promtool).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { prometheusText, type TargetMetrics } from '../../source/exporters/prometheus-text.js';
import { GcHistogram } from '../../source/model/stats/gc-histogram.js';
import type { Reading } from '../../source/types.js';
import { needs } from '../helpers/tools.js';
import { promtoolComplaints } from '../helpers/promtool.js';

const reading: Reading = {
	t: 1, heapUsed: 10_000_000, heapTotal: 20_000_000, heapLimit: 4_000_000_000, rss: 60_000_000, external: 2_000_000, arrayBuffers: 500_000,
	handles: { Timeout: 2, TCPServerWrap: 1 }, loopDelayP50Ms: 1.5, loopDelayP99Ms: 12, cpuUserSeconds: 3.5, cpuSystemSeconds: 0.25,
};
const labels = { pid: '42', title: 'api', runtime: 'node', port: '9229', thread: 'main' };

function target(overrides: Partial<TargetMetrics> = {}): TargetMetrics {
	const gcPauses = new GcHistogram();
	gcPauses.observe([{ t: 1, kind: 'minor', pauseMs: 0.3 }, { t: 2, kind: 'minor', pauseMs: 2 }, { t: 3, kind: 'major', pauseMs: 40 }]);
	return { labels, up: true, reading, nodeVersion: 'v22.11.0', startedAt: 1_700_000_000_400, allocatedBytes: 123_456_789, heapAfterMajorGc: 8_000_000, gcPauses, verdict: 'leak', ...overrides };
}

const l = '{pid="42",title="api",runtime="node",port="9229",thread="main"';

test("known figures give exact lines under prom-client's names, memtop's own under memtop_", () => {
	const text = prometheusText([target()]);
	for (const line of [
		`process_cpu_user_seconds_total${l}} 3.5`,
		`process_cpu_system_seconds_total${l}} 0.25`,
		`process_cpu_seconds_total${l}} 3.75`,
		`process_start_time_seconds${l}} 1700000000`,
		`process_resident_memory_bytes${l}} 60000000`,
		`nodejs_heap_size_total_bytes${l}} 20000000`,
		`nodejs_heap_size_used_bytes${l}} 10000000`,
		`nodejs_external_memory_bytes${l}} 2000000`,
		`nodejs_eventloop_lag_p50_seconds${l}} 0.0015`,
		`nodejs_eventloop_lag_p99_seconds${l}} 0.012`,
		`nodejs_active_handles${l},type="Timeout"} 2`,
		`nodejs_active_handles${l},type="TCPServerWrap"} 1`,
		`nodejs_active_handles_total${l}} 3`,
		`nodejs_active_resources_total${l}} 3`,
		`nodejs_version_info${l},version="v22.11.0",major="22",minor="11",patch="0"} 1`,
		`nodejs_gc_duration_seconds_bucket${l},kind="minor",le="0.0005"} 1`,
		`nodejs_gc_duration_seconds_bucket${l},kind="minor",le="0.0025"} 2`,
		`nodejs_gc_duration_seconds_bucket${l},kind="minor",le="+Inf"} 2`,
		`nodejs_gc_duration_seconds_count${l},kind="minor"} 2`,
		`nodejs_gc_duration_seconds_sum${l},kind="minor"} 0.0023`,
		`nodejs_gc_duration_seconds_bucket${l},kind="major",le="0.025"} 0`,
		`nodejs_gc_duration_seconds_bucket${l},kind="major",le="0.05"} 1`,
		`memtop_target_up${l}} 1`,
		`memtop_heap_limit_bytes${l}} 4000000000`,
		`memtop_heap_after_major_gc_bytes${l}} 8000000`,
		`memtop_allocated_bytes_total${l}} 123456789`,
		`memtop_leak_verdict${l},verdict="leak"} 1`,
		`memtop_leak_verdict${l},verdict="no-leak"} 0`,
		'memtop_targets 1',
	]) assert.ok(text.split('\n').includes(line), `missing: ${line}\n${text}`);
	assert.match(text, /^# TYPE process_cpu_seconds_total counter$/m);
	assert.match(text, /^# TYPE memtop_allocated_bytes_total counter$/m);
	assert.equal(text.match(/^# TYPE nodejs_gc_duration_seconds histogram$/gm)?.length, 1);
	assert.ok(!/^memtop_(heap_used|rss|allocation_rate|gc_pause|active_handles)/m.test(text), 'the old names are gone (docs/prometheus.md: migrating)');
});

test('a figure a target did not give is left out, never written as 0; an empty family is not written at all', () => {
	const text = prometheusText([target({ up: false, reading: undefined, nodeVersion: undefined, startedAt: undefined, allocatedBytes: undefined, heapAfterMajorGc: undefined, gcPauses: new GcHistogram(), verdict: undefined })]);
	assert.match(text, /^memtop_target_up\{.*\} 0$/m);
	assert.match(text, /^memtop_targets 0$/m);
	for (const name of ['nodejs_heap_size_used_bytes', 'memtop_allocated_bytes_total', 'nodejs_gc_duration_seconds', 'memtop_leak_verdict', 'nodejs_active_handles', 'nodejs_version_info', 'process_cpu']) {
		assert.ok(!text.includes(name), `${name} should be absent:\n${text}`);
	}
});

test('label values are escaped; two targets share each family block', () => {
	const odd = target({ labels: { ...labels, pid: '43', title: 'say "hi"\\ \nnow' } });
	const text = prometheusText([target(), odd]);
	assert.ok(text.includes('title="say \\"hi\\"\\\\ \\nnow"'), text);
	assert.equal(text.match(/^# TYPE nodejs_heap_size_used_bytes gauge$/gm)?.length, 1);
	assert.equal(text.match(/^nodejs_heap_size_used_bytes\{/gm)?.length, 2);
});

test("promtool accepts every page above, and refuses a broken one", needs('promtool'), () => {
	const pages = [
		prometheusText([target()]),
		prometheusText([target({ up: false, reading: undefined, gcPauses: new GcHistogram(), verdict: undefined })]),
		prometheusText([target(), target({ labels: { ...labels, pid: '43', title: 'say "hi"\\ \nnow' } })]),
	];
	for (const page of pages) assert.deepEqual(promtoolComplaints(page), [], page);
	// The checker can fail: a page with a family written twice is refused.
	assert.notDeepEqual(promtoolComplaints(pages[0] + pages[0]), []);
});
