// Turn parsed flags into a validated run configuration. Pure: every bad input becomes a UsageError (exit 2).
import { parseInspectRange, parseWsUrl, vetHost, isLoopback, remoteWarning } from '../target/endpoint.js';
import { parseDuration } from '../model/format.js';
import { parseByteRate, parseBytes, parseMs, type AlertMetric, type AlertRule } from '../model/alerts.js';
import type { Capture } from '../watch/watchdog.js';
import type { Endpoint } from '../types.js';
import type { Where } from '../target/open-source.js';
import type { FailOn, RunConfig } from '../watch/run-config.js';
import { UsageError } from '../errors.js';

const ALERT_FLAGS: readonly [keyof Flags, string, AlertMetric, (text: string) => number | undefined, string][] = [
	['alertHeap', 'alert-heap', 'heap', parseBytes, '500MiB'],
	['alertRss', 'alert-rss', 'rss', parseBytes, '1GiB'],
	['alertGcPause', 'alert-gc-pause', 'gc-pause', parseMs, '100ms'],
	['alertAllocRate', 'alert-alloc-rate', 'alloc-rate', parseByteRate, '50MiB/s'],
	['alertHandles', 'alert-handles', 'handles', (t) => (/^\d+$/.test(t.trim()) ? Number(t) : undefined), '1000'],
	['alertLoopDelay', 'alert-loop-delay', 'loop-delay', parseMs, '200ms'],
];

/** The alert rules the flags ask for, plus the leak verdict, which is always watched. */
export function alertRules(flags: Flags): AlertRule[] {
	const rules: AlertRule[] = [];
	for (const [key, name, metric, parse, example] of ALERT_FLAGS) {
		const text = flags[key];
		if (text === undefined) continue;
		const threshold = parse(String(text));
		if (threshold === undefined || threshold <= 0) throw new UsageError(`--${name} expects a threshold such as ${example}; got "${text}"`);
		rules.push({ metric, threshold });
	}
	return [...rules, { metric: 'leak', threshold: 1 }];
}

export interface Flags {
	/** Repeatable; each a port, host:port or a range of ports. */
	inspect?: string | string[];
	pid?: string;
	prometheus?: string;
	ws?: string;
	target?: string;
	allowRemote: boolean;
	demo: boolean;
	interval: string;
	window: string;
	duration?: string;
	json: boolean;
	connectTimeout: string;
	log?: string;
	outDir: string;
	sampling: boolean;
	sampleInterval: string;
	alertHeap?: string;
	alertRss?: string;
	alertGcPause?: string;
	alertAllocRate?: string;
	alertHandles?: string;
	alertLoopDelay?: string;
	onAlert: string;
	alertCooldown: string;
	failOn?: string;
	confirmGc: boolean;
	record?: string;
	/** --no-color: false. */
	color: boolean;
}


export function duration(name: string, text: string, defaultUnit: 'ms' | 's', min: number): number {
	const ms = parseDuration(/^\d+(\.\d+)?$/.test(text.trim()) ? `${text}${defaultUnit}` : text);
	if (ms === undefined || ms < min) {
		throw new UsageError(`--${name} expects a duration such as ${defaultUnit === 'ms' ? '1000 (ms) or 2s' : '60 (s), 5m or 1h'}, at least ${min} ms; got "${text}"`);
	}
	return ms;
}

/** Validate flags and the command after `--`; demoPath is the bundled demo app. */
export function toRunConfig(flags: Flags, command: string[], demoPath: string, isTty: boolean): RunConfig {
	const { where, warning: whereWarning } = whereFrom(flags, command, demoPath);
	const sampleIntervalBytes = Number(flags.sampleInterval);
	if (!Number.isInteger(sampleIntervalBytes) || sampleIntervalBytes < 1024) throw new UsageError(`--sample-interval expects a whole number of bytes, at least 1024; got "${flags.sampleInterval}"`);
	if (!['profile', 'snapshot', 'none'].includes(flags.onAlert)) throw new UsageError(`--on-alert expects profile, snapshot or none; got "${flags.onAlert}"`);
	const failOn = (flags.failOn ?? '').split(',').map((x) => x.trim()).filter(Boolean);
	const unknown = failOn.find((x) => x !== 'leak' && x !== 'alert');
	if (unknown !== undefined) throw new UsageError(`--fail-on expects leak, alert or both (leak,alert); got "${unknown}"`);
	const prometheus = flags.prometheus === undefined ? undefined : metricsEndpoint(flags.prometheus);
	// Metrics run no code, but they tell whoever reaches them what runs here and how it is doing.
	const metricsWarning = prometheus && !isLoopback(prometheus.host) ? `note: serving metrics on ${prometheus.host}:${prometheus.port}, readable by anyone who can reach it.` : undefined;
	const warning = [whereWarning, metricsWarning].filter(Boolean).join('\n') || undefined;
	const json = flags.json || !isTty;
	return {
		prometheus,
		where,
		alerts: alertRules(flags),
		capture: flags.onAlert as Capture,
		alertCooldownMs: duration('alert-cooldown', flags.alertCooldown, 's', 0),
		failOn: failOn as FailOn[],
		confirmWithGc: flags.confirmGc,
		sampleIntervalBytes: flags.sampling ? sampleIntervalBytes : undefined,
		intervalMs: duration('interval', flags.interval, 'ms', 100),
		windowMs: duration('window', flags.window, 's', 10_000),
		durationMs: flags.duration === undefined ? undefined : duration('duration', flags.duration, 's', 1),
		connectTimeoutMs: duration('connect-timeout', flags.connectTimeout, 'ms', 100),
		json,
		logFile: flags.log,
		recordFile: recordFile(flags, json),
		outDir: flags.outDir,
		warning,
	};
}

/** --record's file: for the screen; a headless run's records are on stdout already. */
function recordFile(flags: Flags, json: boolean): string | undefined {
	if (flags.record === undefined) return undefined;
	if (json) throw new UsageError('--record writes what the screen shows as NDJSON; without a screen (--json, or stdout not a terminal) the records are on stdout already: memtop --json > FILE');
	return flags.record;
}

/** What to watch, from --inspect, --pid, --ws, --demo or the command after --; one of them, vetted. */
function whereFrom(flags: Flags, command: string[], demoPath: string): { where: Where; warning?: string } {
	const inspect = flags.inspect === undefined ? [] : [flags.inspect].flat();
	const modes = [inspect.length > 0, flags.pid !== undefined, flags.ws !== undefined, command.length > 0, flags.demo].filter(Boolean).length;
	if (modes === 0) throw new UsageError('say what to watch: --inspect 9229, --pid N, --ws ws://..., --demo, or -- node app.js (see --help)');
	if (modes > 1) throw new UsageError('choose one of --inspect, --pid, --ws, --demo or a command after --');
	if (inspect.length > 0) {
		const endpoints = inspect.flatMap(parseInspectRange);
		const hosts = [...new Set(endpoints.map((e) => e.host))];
		for (const host of hosts) vetHost(host, flags.allowRemote);
		const remote = hosts.filter((host) => !isLoopback(host));
		const warning = remote.length > 0 ? remote.map(remoteWarning).join('\n') : undefined;
		const single = inspect.length === 1 && endpoints.length === 1;
		if (!single && flags.target !== undefined) throw new UsageError('--target picks one target of one inspector; with several, every target is listed (choose on the process list)');
		return { where: single ? { kind: 'endpoint', ...endpoints[0], target: flags.target } : { kind: 'endpoints', endpoints }, warning };
	}
	if (flags.pid !== undefined) {
		if (!/^\d+$/.test(flags.pid.trim()) || Number(flags.pid) < 1) throw new UsageError(`--pid expects a process id such as 12345 (pgrep -a node lists them); got "${flags.pid}"`);
		return { where: { kind: 'pid', pid: Number(flags.pid), allowRemote: flags.allowRemote } };
	}
	if (flags.ws !== undefined) {
		const ws = parseWsUrl(flags.ws);
		vetHost(ws.host, flags.allowRemote);
		return { where: { kind: 'ws', url: ws.url }, warning: isLoopback(ws.host) ? undefined : remoteWarning(ws.host) };
	}
	if (flags.demo) return { where: { kind: 'spawn', command: process.execPath, args: [demoPath] } };
	return { where: { kind: 'spawn', command: command[0], args: command.slice(1) } };
}

/** --prometheus [host:]port (host defaults to loopback; port 0 lets the system choose). */
function metricsEndpoint(value: string): Endpoint {
	const text = value.trim();
	const colon = text.lastIndexOf(':');
	const port = Number(text.slice(colon + 1));
	const host = colon >= 0 ? text.slice(0, colon).replace(/^\[(.*)\]$/, '$1') : '127.0.0.1';
	if (!/^\d+$/.test(text.slice(colon + 1)) || port > 65535 || host === '') throw new UsageError(`--prometheus expects [host:]port, e.g. 9464 or 0.0.0.0:9464; got "${value}"`);
	return { host, port };
}
