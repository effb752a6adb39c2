// Alert thresholds, as people write them ("500MB", "100ms", "50MB/s"), and when they trip: on the way up
// past the threshold, once, until the value falls back below it (so a value that stays high is one alert,
// not one a second). Pure.
import type { Tick } from './history.js';
import { handleTotal } from './reading-totals.js';
import type { GcEvent } from '../types.js';
import { formatBytes, formatMs } from './format.js';

export type AlertMetric = 'heap' | 'rss' | 'gc-pause' | 'alloc-rate' | 'handles' | 'loop-delay' | 'leak';

export interface AlertRule {
	readonly metric: AlertMetric;
	readonly threshold: number; // bytes, ms, bytes/s or a count; 1 for the leak verdict
}

export interface Alert {
	readonly t: number;
	readonly metric: AlertMetric;
	readonly value: number;
	readonly threshold: number;
	readonly text: string;
}

// KiB, MiB, GiB are powers of 1024 (as memtop shows sizes); KB, MB, GB powers of 1000, as the units say.
const BYTE_UNITS: Record<string, number> = { b: 1, kb: 1000, kib: 1024, mb: 1000 ** 2, mib: 1024 ** 2, gb: 1000 ** 3, gib: 1024 ** 3 };

/** "500MiB", "1.5 GB", "2048" (bytes) -> bytes; undefined if unreadable. */
export function parseBytes(text: string): number | undefined {
	const match = /^(\d+(?:\.\d+)?)\s*([kmg]i?b|b)?$/i.exec(text.trim());
	return match ? Number(match[1]) * BYTE_UNITS[(match[2] ?? 'b').toLowerCase()] : undefined;
}

/** "50MiB/s" (or "50MiB") -> bytes per second. */
export const parseByteRate = (text: string): number | undefined => parseBytes(text.trim().replace(/\/s$/i, ''));

/** "100ms", "1.5s", "200" (ms) -> milliseconds. */
export function parseMs(text: string): number | undefined {
	const match = /^(\d+(?:\.\d+)?)\s*(ms|s)?$/i.exec(text.trim());
	return match ? Number(match[1]) * (match[2]?.toLowerCase() === 's' ? 1000 : 1) : undefined;
}

export const describeValue = (metric: AlertMetric, value: number): string =>
	metric === 'gc-pause' || metric === 'loop-delay' ? formatMs(value)
		: metric === 'alloc-rate' ? `${formatBytes(value)}/s`
		: metric === 'handles' ? String(value)
		: metric === 'leak' ? 'leak'
		: formatBytes(value);

const NAMES: Record<AlertMetric, string> = {
	heap: 'heap used', rss: 'rss', 'gc-pause': 'GC pause', 'alloc-rate': 'allocation rate', handles: 'active handles', 'loop-delay': 'event-loop delay p99', leak: 'leak verdict',
};

/** What each metric's value is in one interval: the tick's reading, and the GC events that ended in it. */
export function valueOf(metric: AlertMetric, tick: Tick, gcEvents: readonly GcEvent[], leaking: boolean): number | undefined {
	const r = tick.reading;
	switch (metric) {
		case 'heap': return r?.heapUsed;
		case 'rss': return r?.rss;
		case 'gc-pause': return gcEvents.reduce((max, e) => Math.max(max, e.pauseMs), 0); // no GC: no pause, the alert re-arms
		case 'alloc-rate': return tick.allocRate;
		case 'handles': return handleTotal(r);
		case 'loop-delay': return r?.loopDelayP99Ms;
		case 'leak': return leaking ? 1 : 0;
	}
}

/** Tracks which rules are over their threshold; check() returns the ones that crossed it in this interval. */
export class AlertRules {
	private readonly over = new Set<AlertMetric>();

	constructor(readonly rules: readonly AlertRule[]) {}

	check(tick: Tick, gcEvents: readonly GcEvent[], leaking: boolean): Alert[] {
		const tripped: Alert[] = [];
		for (const rule of this.rules) {
			const value = valueOf(rule.metric, tick, gcEvents, leaking);
			if (value === undefined) continue; // nothing measured: no change either way
			const above = rule.metric === 'leak' ? value === 1 : value > rule.threshold;
			if (above && !this.over.has(rule.metric)) {
				const text = rule.metric === 'leak' ? 'the leak verdict turned to leak'
					: `${NAMES[rule.metric]} ${describeValue(rule.metric, value)} is over ${describeValue(rule.metric, rule.threshold)}`;
				tripped.push({ t: tick.t, metric: rule.metric, value, threshold: rule.threshold, text });
			}
			if (above) this.over.add(rule.metric);
			else this.over.delete(rule.metric);
		}
		return tripped;
	}
}
