// `memtop [watch]`: the live watch of one target or many, on the screen or as NDJSON (--json, or stdout not a
// terminal), with /metrics beside it when asked.
import { fileURLToPath } from 'node:url';
import { WHERE_FLAGS, type Command, type Invocation } from './command.js';
import { toRunConfig } from './config-from-flags.js';
import type { RunConfig } from '../watch/run-config.js';
import type { Where } from '../target/open-source.js';
import { openFleet } from '../watch/open-fleet.js';
import { runFleetHeadless } from '../headless/run-fleet-headless.js';
import { serveMetrics } from '../exporters/prometheus-server.js';
import { whileConnecting } from '../tui/while-connecting.js';
import { recordBesideScreen } from '../headless/screen-recording.js';

/** The bundled demo server (--demo), beside dist/ and source/ alike. */
export const DEMO_PATH = fileURLToPath(new URL('../../demo/server.cjs', import.meta.url));

export const watchCommand: Command = {
	name: 'watch',
	summary: 'the live dashboard (the default: memtop --inspect 9229 is memtop watch --inspect 9229)',
	usage: [
		['memtop --inspect [host:]port', 'attach to a running node --inspect process'],
		['memtop --inspect 9229-9236', 'watch a cluster: every inspector in the range, on a process list'],
		['memtop --pid N', 'open the inspector of a running Node process (SIGUSR1) and attach'],
		['memtop --ws ws://127.0.0.1:9229/<id>', 'attach to one inspector WebSocket'],
		['memtop [options] -- <command ...>', 'start a command with an inspector and watch it'],
		['memtop --demo', 'watch the bundled demo server'],
	],
	flags: [...WHERE_FLAGS, 'prometheus', 'interval', 'window', 'duration', 'json', 'record', 'outDir', 'sampleInterval', 'sampling',
		'alertHeap', 'alertRss', 'alertGcPause', 'alertAllocRate', 'alertHandles', 'alertLoopDelay', 'onAlert', 'alertCooldown', 'confirmGc', 'failOn'],
	takesCommand: true,
	run: (invocation) => watch(invocation),
};

async function watch({ flags, command }: Invocation): Promise<number> {
	const config = toRunConfig(flags, [...command], DEMO_PATH, Boolean(process.stdout.isTTY));
	if (config.warning) process.stderr.write(config.warning + '\n');
	const prometheus = config.prometheus;
	if (config.json) {
		return runFleetHeadless(config, prometheus && (async (fleet) => {
			const metrics = await serveMetrics(fleet, prometheus);
			process.stderr.write(`memtop: serving Prometheus metrics on ${metrics.url}\n`);
			return metrics;
		}));
	}
	return watchOnScreen(config);
}

async function watchOnScreen(config: RunConfig): Promise<number> {
	// React's development build costs several times the CPU per render; users run the production one.
	process.env.NODE_ENV ??= 'production';
	// A recording's file is opened first: a name already taken is said before anything connects.
	const recording = config.recordFile === undefined ? undefined : recordBesideScreen({ ...config, recordFile: config.recordFile });
	const connected = whileConnecting(describeWhere(config.where));
	const opened = await openFleet(config, recording && ((key) => recording.listenerFor(key))).catch((error) => {
		recording?.abandon();
		throw error;
	}).finally(connected);
	recording?.follow(opened.fleet);
	// The screen is only chosen when stdout is a terminal, so a person is watching: Ink's "in CI, draw only
	// the last frame" rule (read from CI / CONTINUOUS_INTEGRATION when ink loads) must not blank it.
	// The spawned target was started already and keeps its own environment.
	delete process.env.CI;
	delete process.env.CONTINUOUS_INTEGRATION;
	const { runTui } = await import('../tui/run-tui.js');
	const metrics = config.prometheus ? await serveMetrics(opened.fleet, config.prometheus).catch(async (error) => {
		await opened.fleet.stop();
		recording?.finish();
		throw error;
	}) : undefined;
	try {
		// Port 0 lets the system choose, so the screen says where to scrape: on the process list's header.
		return await runTui(metrics ? { ...opened, caption: `${opened.caption} · metrics ${metrics.url}` } : opened, config);
	} finally {
		await metrics?.close();
		const stopped = recording?.finish();
		if (stopped) process.stderr.write(`memtop: ${stopped}\n`);
	}
}

/** Where memtop is going, in a few words, for the line shown while it connects. */
function describeWhere(where: Where): string {
	if (where.kind === 'endpoint') return `${where.host}:${where.port}`;
	if (where.kind === 'endpoints') return `${where.endpoints.length} ports`;
	if (where.kind === 'ws') return where.url;
	if (where.kind === 'pid') return `process ${where.pid}`;
	return where.command;
}
