// Turn parsed flags into a validated run configuration. Pure: every bad input becomes a UsageError (exit 2).
import { parseInspect, parseWsUrl, UsageError, vetHost, isLoopback, remoteWarning } from './collector/endpoint.js';
import { parseDuration } from './model/format.js';

export interface Flags {
	inspect?: string;
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
}

export type Where =
	| { kind: 'endpoint'; host: string; port: number; target?: string }
	| { kind: 'ws'; url: string }
	| { kind: 'spawn'; command: string; args: string[] };

export interface RunConfig {
	readonly where: Where;
	readonly intervalMs: number;
	readonly windowMs: number;
	readonly durationMs?: number;
	readonly connectTimeoutMs: number;
	readonly json: boolean;
	readonly logFile?: string;
	/** Where heap snapshots go. */
	readonly outDir: string;
	/** Bytes between allocation samples on average; undefined: sampling is off (--no-sampling). */
	readonly sampleIntervalBytes?: number;
	/** A warning to print before connecting (non-loopback host allowed by --allow-remote). */
	readonly warning?: string;
}

function duration(name: string, text: string, defaultUnit: 'ms' | 's', min: number): number {
	const ms = parseDuration(/^\d+(\.\d+)?$/.test(text.trim()) ? `${text}${defaultUnit}` : text);
	if (ms === undefined || ms < min) {
		throw new UsageError(`--${name} expects a duration such as ${defaultUnit === 'ms' ? '1000 (ms) or 2s' : '60 (s), 5m or 1h'}, at least ${min} ms; got "${text}"`);
	}
	return ms;
}

/** Validate flags and the command after `--`; demoPath is the bundled demo app. */
export function toRunConfig(flags: Flags, command: string[], demoPath: string, isTty: boolean): RunConfig {
	const modes = [flags.inspect !== undefined, flags.ws !== undefined, command.length > 0, flags.demo].filter(Boolean).length;
	if (modes === 0) throw new UsageError('say what to watch: --inspect 9229, --ws ws://..., --demo, or -- node app.js (see --help)');
	if (modes > 1) throw new UsageError('choose one of --inspect, --ws, --demo or a command after --');
	let where: Where;
	let warning: string | undefined;
	if (flags.inspect !== undefined) {
		const endpoint = parseInspect(flags.inspect);
		vetHost(endpoint.host, flags.allowRemote);
		where = { kind: 'endpoint', ...endpoint, target: flags.target };
		if (!isLoopback(endpoint.host)) warning = remoteWarning(endpoint.host);
	} else if (flags.ws !== undefined) {
		const ws = parseWsUrl(flags.ws);
		vetHost(ws.host, flags.allowRemote);
		where = { kind: 'ws', url: ws.url };
		if (!isLoopback(ws.host)) warning = remoteWarning(ws.host);
	} else if (flags.demo) {
		where = { kind: 'spawn', command: process.execPath, args: [demoPath] };
	} else {
		where = { kind: 'spawn', command: command[0], args: command.slice(1) };
	}
	const sampleIntervalBytes = Number(flags.sampleInterval);
	if (!Number.isInteger(sampleIntervalBytes) || sampleIntervalBytes < 1024) throw new UsageError(`--sample-interval expects a whole number of bytes, at least 1024; got "${flags.sampleInterval}"`);
	return {
		where,
		sampleIntervalBytes: flags.sampling ? sampleIntervalBytes : undefined,
		intervalMs: duration('interval', flags.interval, 'ms', 100),
		windowMs: duration('window', flags.window, 's', 10_000),
		durationMs: flags.duration === undefined ? undefined : duration('duration', flags.duration, 's', 1),
		connectTimeoutMs: duration('connect-timeout', flags.connectTimeout, 'ms', 100),
		json: flags.json || !isTty,
		logFile: flags.log,
		outDir: flags.outDir,
		warning,
	};
}
