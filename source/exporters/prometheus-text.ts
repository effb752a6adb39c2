// The Prometheus text exposition format (version 0.0.4) for every watched target. Pure: figures in, text out.
// What prom-client's default metrics also measure goes under their names, units and types (process_*, nodejs_*),
// so dashboards and alerts built on them work against memtop unchanged; what only memtop knows is memtop_*.
// A figure the target did not give is left out, never written as 0.
import type { Reading } from '../types.js';
import { GC_PAUSE_BUCKETS, type GcHistogram } from '../model/stats/gc-histogram.js';

export interface TargetMetrics {
	/** pid, title, runtime, port, thread: identify the series; values are escaped here. */
	readonly labels: Readonly<Record<string, string>>;
	readonly up: boolean;
	readonly reading?: Reading;
	/** "v22.11.0" for a Node target. */
	readonly nodeVersion?: string;
	/** When the process started, ms since the epoch. */
	readonly startedAt?: number;
	/** Bytes allocated on the JS heap since memtop attached. */
	readonly allocatedBytes?: number;
	/** The heap left by the latest major GC: the floor a leak raises. */
	readonly heapAfterMajorGc?: number;
	readonly gcPauses?: GcHistogram;
	readonly verdict?: string;
}

export const VERDICTS = ['leak', 'no-leak', 'inconclusive'] as const;

type Sample = readonly [labels: Readonly<Record<string, string>>, value: number];

interface Family {
	readonly name: string;
	readonly type: 'gauge' | 'counter' | 'histogram';
	readonly help: string;
	readonly samples: (target: TargetMetrics) => Sample[];
}

const one = (value: number | undefined): Sample[] => (value === undefined || !Number.isFinite(value) ? [] : [[{}, value]]);
const fromReading = (type: 'gauge' | 'counter', name: string, help: string, pick: (r: Reading) => number | undefined): Family => ({
	name, type, help, samples: (t) => one(t.reading ? pick(t.reading) : undefined),
});
const gauge = (name: string, help: string, pick: (r: Reading) => number | undefined) => fromReading('gauge', name, help, pick);
const seconds = (ms: number | undefined) => (ms === undefined ? undefined : ms / 1000);
const byType = (t: TargetMetrics): Sample[] => Object.entries(t.reading?.handles ?? {}).map(([type, n]): Sample => [{ type }, n]);
const total = (t: TargetMetrics) => one(t.reading?.handles ? Object.values(t.reading.handles).reduce((sum, n) => sum + n, 0) : undefined);

/** Under prom-client's default metric names (collectDefaultMetrics), with memtop's labels added. */
const PROM_CLIENT: readonly Family[] = [
	fromReading('counter', 'process_cpu_user_seconds_total', 'Total user CPU time spent in seconds.', (r) => r.cpuUserSeconds),
	fromReading('counter', 'process_cpu_system_seconds_total', 'Total system CPU time spent in seconds.', (r) => r.cpuSystemSeconds),
	fromReading('counter', 'process_cpu_seconds_total', 'Total user and system CPU time spent in seconds.',
		(r) => (r.cpuUserSeconds === undefined || r.cpuSystemSeconds === undefined ? undefined : r.cpuUserSeconds + r.cpuSystemSeconds)),
	{ name: 'process_start_time_seconds', type: 'gauge', help: 'Start time of the process since unix epoch in seconds.', samples: (t) => one(t.startedAt === undefined ? undefined : Math.round(t.startedAt / 1000)) },
	gauge('process_resident_memory_bytes', 'Resident memory size in bytes.', (r) => r.rss),
	gauge('nodejs_heap_size_total_bytes', 'Process heap size from Node.js in bytes.', (r) => r.heapTotal),
	gauge('nodejs_heap_size_used_bytes', 'Process heap size used from Node.js in bytes.', (r) => r.heapUsed),
	gauge('nodejs_external_memory_bytes', 'Node.js external memory size in bytes.', (r) => r.external),
	gauge('nodejs_eventloop_lag_p50_seconds', 'The 50th percentile of the recorded event loop delays (over the last interval).', (r) => seconds(r.loopDelayP50Ms)),
	gauge('nodejs_eventloop_lag_p99_seconds', 'The 99th percentile of the recorded event loop delays (over the last interval).', (r) => seconds(r.loopDelayP99Ms)),
	// memtop counts what process.getActiveResourcesInfo() lists: handles, requests and timers, by type.
	{ name: 'nodejs_active_handles', type: 'gauge', help: 'Number of active libuv handles grouped by handle type (active resources: handles, requests, timers).', samples: byType },
	{ name: 'nodejs_active_handles_total', type: 'gauge', help: 'Total number of active handles (active resources).', samples: total },
	{ name: 'nodejs_active_resources', type: 'gauge', help: 'Number of active resources that are currently keeping the event loop alive, grouped by async resource type.', samples: byType },
	{ name: 'nodejs_active_resources_total', type: 'gauge', help: 'Total number of active resources.', samples: total },
	{
		name: 'nodejs_gc_duration_seconds', type: 'histogram', help: 'Garbage collection duration by kind, one of major, minor, incremental or weakcb (since memtop attached).',
		samples: (t) => [...(t.gcPauses?.byKind ?? [])].flatMap(([kind, counts]) => [
			...GC_PAUSE_BUCKETS.map((le, i): Sample => [{ kind, le: String(le) }, counts.buckets[i]]),
			[{ kind, le: '+Inf' }, counts.count] as Sample,
		]),
	},
	{ name: 'nodejs_version_info', type: 'gauge', help: 'Node.js version info.', samples: (t) => versionInfo(t.nodeVersion) },
];

/** What only memtop measures. */
const MEMTOP: readonly Family[] = [
	{ name: 'memtop_target_up', type: 'gauge', help: '1 while memtop is attached to the target and reading it, else 0.', samples: (t) => [[{}, t.up ? 1 : 0]] },
	gauge('memtop_heap_limit_bytes', 'The JS heap size limit, past which the process dies out of memory.', (r) => r.heapLimit),
	gauge('memtop_array_buffers_bytes', 'Memory of ArrayBuffers and SharedArrayBuffers, Buffers included.', (r) => r.arrayBuffers),
	{ name: 'memtop_heap_after_major_gc_bytes', type: 'gauge', help: 'JS heap left by the latest major GC: the floor a leak raises.', samples: (t) => one(t.heapAfterMajorGc) },
	{ name: 'memtop_allocated_bytes_total', type: 'counter', help: 'Bytes allocated on the JS heap since memtop attached (rate() gives the allocation rate).', samples: (t) => one(t.allocatedBytes) },
	gauge('memtop_dom_nodes', 'DOM nodes of a browser page (Performance.getMetrics Nodes).', (r) => r.dom?.nodes),
	gauge('memtop_dom_event_listeners', 'JS event listeners of a browser page.', (r) => r.dom?.listeners),
	gauge('memtop_dom_documents', 'Documents of a browser page (a growing count: detached documents kept alive).', (r) => r.dom?.documents),
	{ name: 'memtop_leak_verdict', type: 'gauge', help: "memtop's leak verdict over its window: 1 for the current verdict, 0 for the others.",
		samples: (t) => (t.verdict === undefined ? [] : VERDICTS.map((v): Sample => [{ verdict: v }, v === t.verdict ? 1 : 0])) },
];

/** prom-client's nodejs_version_info labels: version, major, minor, patch. */
function versionInfo(version: string | undefined): Sample[] {
	const match = /^v(\d+)\.(\d+)\.(\d+)/.exec(version ?? '');
	return match ? [[{ version: version!, major: match[1], minor: match[2], patch: match[3] }, 1]] : [];
}

const escape = (value: string) => value.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n');

function line(name: string, labels: Readonly<Record<string, string>>, value: number): string {
	const pairs = Object.entries(labels).map(([k, v]) => `${k}="${escape(v)}"`).join(',');
	return `${name}${pairs ? `{${pairs}}` : ''} ${Number.isInteger(value) ? value : Number(value.toPrecision(6))}`;
}

/** One family's lines for every target; a histogram's buckets, then its sum and count per kind. */
function familyLines(family: Family, targets: readonly TargetMetrics[]): string[] {
	const lines: string[] = [];
	for (const target of targets) {
		const samples = family.samples(target);
		if (family.type !== 'histogram') {
			for (const [labels, value] of samples) lines.push(line(family.name, { ...target.labels, ...labels }, value));
			continue;
		}
		for (const [labels, value] of samples) lines.push(line(`${family.name}_bucket`, { ...target.labels, ...labels }, value));
		for (const [kind, counts] of target.gcPauses?.byKind ?? []) {
			lines.push(line(`${family.name}_sum`, { ...target.labels, kind }, counts.sumSeconds));
			lines.push(line(`${family.name}_count`, { ...target.labels, kind }, counts.count));
		}
	}
	return lines;
}

/** The whole /metrics page for these targets; a family no target has a figure for is left out. */
export function prometheusText(targets: readonly TargetMetrics[]): string {
	const out: string[] = [];
	for (const family of [...PROM_CLIENT, ...MEMTOP]) {
		const lines = familyLines(family, targets);
		if (lines.length > 0) out.push(`# HELP ${family.name} ${family.help}`, `# TYPE ${family.name} ${family.type}`, ...lines);
	}
	out.push('# HELP memtop_targets Targets memtop is attached to now.', '# TYPE memtop_targets gauge', `memtop_targets ${targets.filter((t) => t.up).length}`);
	return out.join('\n') + '\n';
}
