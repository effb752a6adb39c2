// The Prometheus text exposition format (version 0.0.4) for every watched target. Pure: figures in, text out.
// A figure the target did not give is left out, never written as 0.
import type { Reading } from '../types.js';
import { GC_PAUSE_BUCKETS, type GcHistogram } from '../model/stats/gc-histogram.js';

export interface TargetMetrics {
	/** pid, title, runtime, port, thread: identify the series; values are escaped here. */
	readonly labels: Readonly<Record<string, string>>;
	readonly up: boolean;
	readonly reading?: Reading;
	/** Bytes per second allocated on the JS heap over the last interval. */
	readonly allocRate?: number;
	readonly gcPauses?: GcHistogram;
	readonly verdict?: string;
}

export const VERDICTS = ['leak', 'no-leak', 'inconclusive'] as const;

type Sample = readonly [labels: Readonly<Record<string, string>>, value: number];

interface Family {
	readonly name: string;
	readonly type: 'gauge' | 'histogram';
	readonly help: string;
	readonly samples: (target: TargetMetrics) => Sample[];
}

const gauge = (name: string, help: string, pick: (r: Reading) => number | undefined): Family => ({
	name, type: 'gauge', help,
	samples: (t) => {
		const value = t.reading ? pick(t.reading) : undefined;
		return value === undefined || !Number.isFinite(value) ? [] : [[{}, value]];
	},
});

const FAMILIES: readonly Family[] = [
	{ name: 'memtop_target_up', type: 'gauge', help: '1 while memtop is attached to the target and reading it, else 0.', samples: (t) => [[{}, t.up ? 1 : 0]] },
	gauge('memtop_heap_used_bytes', 'JS heap in use (V8 heapUsed).', (r) => r.heapUsed),
	gauge('memtop_heap_total_bytes', 'JS heap reserved (V8 heapTotal).', (r) => r.heapTotal),
	gauge('memtop_heap_limit_bytes', 'The JS heap size limit, past which the process dies out of memory.', (r) => r.heapLimit),
	gauge('memtop_rss_bytes', 'Resident set size of the process.', (r) => r.rss),
	gauge('memtop_external_bytes', 'Memory of C++ objects bound to JS objects (V8 external), array buffers included.', (r) => r.external),
	gauge('memtop_array_buffers_bytes', 'Memory of ArrayBuffers and SharedArrayBuffers, Buffers included.', (r) => r.arrayBuffers),
	{ name: 'memtop_allocation_rate_bytes_per_second', type: 'gauge', help: 'Bytes allocated on the JS heap per second over the last interval.',
		samples: (t) => (t.allocRate === undefined ? [] : [[{}, t.allocRate]]) },
	{
		name: 'memtop_gc_pause_seconds', type: 'histogram', help: 'GC pauses since memtop attached, by kind (minor, major, incremental, weakcb).',
		samples: (t) => [...(t.gcPauses?.byKind ?? [])].flatMap(([kind, counts]) => [
			...GC_PAUSE_BUCKETS.map((le, i): Sample => [{ kind, le: String(le) }, counts.buckets[i]]),
			[{ kind, le: '+Inf' }, counts.count] as Sample,
		]),
	},
	{ name: 'memtop_active_handles', type: 'gauge', help: 'Active handles and requests by type (process.getActiveResourcesInfo()).',
		samples: (t) => Object.entries(t.reading?.handles ?? {}).map(([type, n]): Sample => [{ type }, n]) },
	gauge('memtop_event_loop_delay_p50_seconds', 'Event-loop delay, median over the last interval.', (r) => (r.loopDelayP50Ms === undefined ? undefined : r.loopDelayP50Ms / 1000)),
	gauge('memtop_event_loop_delay_p99_seconds', 'Event-loop delay, 99th percentile over the last interval.', (r) => (r.loopDelayP99Ms === undefined ? undefined : r.loopDelayP99Ms / 1000)),
	gauge('memtop_dom_nodes', 'DOM nodes of a browser page (Performance.getMetrics Nodes).', (r) => r.dom?.nodes),
	gauge('memtop_dom_event_listeners', 'JS event listeners of a browser page.', (r) => r.dom?.listeners),
	gauge('memtop_dom_documents', 'Documents of a browser page (a growing count: detached documents kept alive).', (r) => r.dom?.documents),
	{ name: 'memtop_leak_verdict', type: 'gauge', help: "memtop's leak verdict over its window: 1 for the current verdict, 0 for the others.",
		samples: (t) => (t.verdict === undefined ? [] : VERDICTS.map((v): Sample => [{ verdict: v }, v === t.verdict ? 1 : 0])) },
];

const escape = (value: string) => value.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n');

function line(name: string, labels: Readonly<Record<string, string>>, value: number): string {
	const pairs = Object.entries(labels).map(([k, v]) => `${k}="${escape(v)}"`).join(',');
	return `${name}${pairs ? `{${pairs}}` : ''} ${Number.isInteger(value) ? value : Number(value.toPrecision(6))}`;
}

/** The whole /metrics page for these targets; a family no target has a figure for is left out. */
export function prometheusText(targets: readonly TargetMetrics[]): string {
	const out: string[] = [];
	for (const family of FAMILIES) {
		const lines: string[] = [];
		for (const target of targets) {
			const samples = family.samples(target);
			if (family.type === 'histogram') {
				for (const [labels, value] of samples) lines.push(line(`${family.name}_bucket`, { ...target.labels, ...labels }, value));
				for (const [kind, counts] of target.gcPauses?.byKind ?? []) {
					lines.push(line(`${family.name}_sum`, { ...target.labels, kind }, counts.sumSeconds));
					lines.push(line(`${family.name}_count`, { ...target.labels, kind }, counts.count));
				}
			} else {
				for (const [labels, value] of samples) lines.push(line(family.name, { ...target.labels, ...labels }, value));
			}
		}
		if (lines.length === 0) continue;
		out.push(`# HELP ${family.name} ${family.help}`, `# TYPE ${family.name} ${family.type}`, ...lines);
	}
	out.push('# HELP memtop_targets Targets memtop is attached to now.', '# TYPE memtop_targets gauge', `memtop_targets ${targets.filter((t) => t.up).length}`);
	return out.join('\n') + '\n';
}
