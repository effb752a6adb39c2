#!/usr/bin/env node
// Entry point: flags in, then either the live screen or NDJSON on stdout. Nothing else lives here.
import './commands/young-heap.js'; // first: it sizes memtop's own heap before the rest loads
import meow, { type AnyFlags, type Options, type Result } from 'meow';
import { fileURLToPath } from 'node:url';
import { toRunConfig, type Flags } from './commands/config-from-flags.js';
import type { RunConfig } from './watch/run-config.js';
import { openSource } from './target/open-source.js';
import { openFleet } from './watch/open-fleet.js';
import { whileConnecting } from './tui/while-connecting.js';
import { runFleetHeadless } from './headless/run-fleet-headless.js';
import { serveMetrics } from './exporters/prometheus-server.js';
import { EXIT } from './errors.js';
import { runSnapshot } from './commands/snapshot.js';
import { runAnalyze } from './commands/analyze.js';
import { runProfile } from './commands/profile.js';
import { topText } from './render/profile-text.js';
import { formatBytes } from './model/format.js';
import { DEFAULT_SAMPLE_INTERVAL } from './watch/live-top.js';
import { MemtopError, UsageError } from './errors.js';

const dashDash = process.argv.indexOf('--');
const command = dashDash >= 0 ? process.argv.slice(dashDash + 1) : [];
const argv = dashDash >= 0 ? process.argv.slice(2, dashDash) : process.argv.slice(2);

// meow throws on a flag given twice (--interval 1000 --interval 2000): bad usage, said in one line, exit 2.
function parseFlags<F extends AnyFlags>(help: string, options: Options<F>): Result<F> {
	try {
		return meow(help, options);
	} catch (error) {
		const once = /The flag --(\S+) can only be set once/.exec((error as Error).message);
		process.stderr.write(`memtop: ${once ? `--${once[1].replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)} is given more than once; give it once` : (error as Error).message} (see memtop --help)\n`);
		process.exit(EXIT.usage);
	}
}

const cli = parseFlags(`
	Usage
	  $ memtop --inspect [host:]port      attach to a running node --inspect process
	  $ memtop --inspect 9229-9236        watch a cluster: every inspector in the range, on a process list
	  $ memtop --pid N                    open the inspector of a running Node process (SIGUSR1) and attach
	  $ memtop --ws ws://127.0.0.1:9229/<id>
	  $ memtop [options] -- <command ...>  start a command with an inspector and watch it
	  $ memtop --demo                     watch the bundled demo server
	  $ memtop snapshot --inspect 9229    write a heap snapshot of the target and exit
	  $ memtop profile --inspect 9229 --duration 30 [--alloc]
	                                      sample allocations; write .heapprofile and pprof .pb.gz files
	  $ memtop analyze FILE [--base OLDER] [--retainers NAME]
	                                      .heapsnapshot: summary by constructor, diff, retainer paths;
	                                      .heapprofile / .pb.gz: pprof top by function, --base diff

	Options
	  --inspect [host:]port   inspector to attach to (host defaults to 127.0.0.1); repeatable, and a range
	                          such as 9229-9236 watches every target on those ports (a cluster)
	  --pid N                 a Node process started without --inspect: memtop opens its inspector on its
	                          --inspect-port (default 9229) and closes it again when it detaches
	  --ws URL                inspector WebSocket URL
	  --prometheus [HOST:]PORT serve /metrics in Prometheus text format for every target (host defaults to 127.0.0.1)
	  --target ID|TEXT        which target of /json/list (id or title substring); default: the first Node target
	  --allow-remote          allow a host that is not loopback (an inspector is remote code execution)
	  --interval MS           time between readings (default 1000)
	  --window DURATION       chart window, e.g. 90s, 5m, 1h (default 5m)
	  --duration SECONDS      stop after this long
	  --json                  one JSON object per line on stdout, no screen (automatic when stdout is not a terminal)
	  --connect-timeout MS    how long to wait for an inspector to answer (default 5000)
	  --log FILE              where a spawned command's output goes (default: a file in the temp directory)
	  --out-dir DIR           where snapshots, profiles and alert captures go (default: the current directory;
	                          files are owner-only)
	  --out FILE              snapshot: the file to write
	  --base FILE             analyze: compare with this older snapshot
	  --top N                 analyze: rows to show (default 25)
	  --retainers NAME        analyze: the largest instances of constructor NAME and their paths from a root
	  --alloc                 profile: count everything allocated, collected or not (default: what is still in use)
	  --sample-interval BYTES average bytes between allocation samples (default 524288), live and for profile
	  --no-sampling           do not run V8's sampling heap profiler while watching (no allocation top, no p)
	  --alert-heap SIZE       alert when heap used goes over SIZE (500MB); also --alert-rss SIZE,
	  --alert-gc-pause MS     --alert-alloc-rate RATE (50MB/s), --alert-handles N, --alert-loop-delay MS (p99);
	                          a leak verdict is always an alert
	  --on-alert WHAT         evidence an alert captures to --out-dir: profile (default), snapshot or none
	  --alert-cooldown DUR    at most one capture per DUR (default 5m)
	  --no-confirm-gc         never force a full GC to confirm a suspected heap leak (it stays inconclusive)
	  --fail-on leak,alert    exit with code 4 if the run ends with a leak verdict / had any alert (for CI)

	Keys: q quit, ? help, g force GC, space freeze, + / - window, s snapshot, t allocation top, p profile,
	      l leak evidence, h handle creation stacks.

	Exit codes: 0 done, 1 unexpected failure, 2 bad usage or not a heap snapshot, 3 cannot connect to the target,
	            4 --fail-on matched (a leak verdict, an alert), 5 the snapshot or profile could not be taken or written
`, {
	importMeta: import.meta,
	allowUnknownFlags: false,
	argv,
	flags: {
		inspect: { type: 'string', isMultiple: true },
		pid: { type: 'string' },
		prometheus: { type: 'string' },
		ws: { type: 'string' },
		target: { type: 'string' },
		allowRemote: { type: 'boolean', default: false },
		demo: { type: 'boolean', default: false },
		interval: { type: 'string', default: '1000' },
		window: { type: 'string', default: '5m' },
		duration: { type: 'string' },
		json: { type: 'boolean', default: false },
		connectTimeout: { type: 'string', default: '5000' },
		log: { type: 'string' },
		outDir: { type: 'string', default: '.' },
		out: { type: 'string' },
		base: { type: 'string' },
		top: { type: 'string', default: '25' },
		retainers: { type: 'string' },
		alloc: { type: 'boolean', default: false },
		sampleInterval: { type: 'string', default: String(DEFAULT_SAMPLE_INTERVAL) },
		sampling: { type: 'boolean', default: true },
		alertHeap: { type: 'string' },
		alertRss: { type: 'string' },
		alertGcPause: { type: 'string' },
		alertAllocRate: { type: 'string' },
		alertHandles: { type: 'string' },
		alertLoopDelay: { type: 'string' },
		onAlert: { type: 'string', default: 'profile' },
		alertCooldown: { type: 'string', default: '5m' },
		failOn: { type: 'string' },
		confirmGc: { type: 'boolean', default: true },
	},
});

function analyze(files: string[]): number {
	if (files.length !== 1) throw new UsageError(`analyze takes one snapshot file (got ${files.length}); compare two with --base OLDER`);
	const top = Number(cli.flags.top);
	if (!Number.isInteger(top) || top < 1) throw new UsageError(`--top expects a positive whole number; got "${cli.flags.top}"`);
	runAnalyze({ file: files[0], base: cli.flags.base, top, retainers: cli.flags.retainers, json: cli.flags.json }, (text) => process.stdout.write(text));
	return EXIT.ok;
}

const demoPath = fileURLToPath(new URL('../demo/server.cjs', import.meta.url));

/** Where memtop is going, in a few words, for the line shown while it connects. */
function describeWhere(where: RunConfig['where']): string {
	if (where.kind === 'endpoint') return `${where.host}:${where.port}`;
	if (where.kind === 'endpoints') return `${where.endpoints.length} ports`;
	if (where.kind === 'ws') return where.url;
	if (where.kind === 'pid') return `process ${where.pid}`;
	return where.command;
}

async function main(): Promise<number> {
	const [subcommand, ...rest] = cli.input;
	if (subcommand === 'analyze') return analyze(rest);
	if (subcommand !== undefined && subcommand !== 'snapshot' && subcommand !== 'profile') throw new UsageError(`unknown command "${subcommand}": use snapshot, profile, analyze, or no command (see --help)`);
	const config = toRunConfig(cli.flags as Flags, command, demoPath, Boolean(process.stdout.isTTY));
	if (config.warning) process.stderr.write(config.warning + '\n');
	if (subcommand === undefined) {
		if (config.json) {
			const prometheus = config.prometheus;
			return await runFleetHeadless(config, prometheus && (async (fleet) => {
				const metrics = await serveMetrics(fleet, prometheus);
				process.stderr.write(`memtop: serving Prometheus metrics on ${metrics.url}\n`);
				return metrics;
			}));
		}
		// React's development build costs several times the CPU per render; users run the production one.
		process.env.NODE_ENV ??= 'production';
		const connected = whileConnecting(describeWhere(config.where));
		const opened = await openFleet(config).finally(connected);
		// The screen is only chosen when stdout is a terminal, so a person is watching: Ink's "in CI, draw only
		// the last frame" rule (read from CI / CONTINUOUS_INTEGRATION when ink loads) must not blank it.
		// The spawned target was started already and keeps its own environment.
		delete process.env.CI;
		delete process.env.CONTINUOUS_INTEGRATION;
		const { runTui } = await import('./tui/run-tui.js');
		const metrics = config.prometheus ? await serveMetrics(opened.fleet, config.prometheus).catch(async (error) => {
			await opened.fleet.stop();
			throw error;
		}) : undefined;
		try {
			// Port 0 lets the system choose, so the screen says where to scrape: on the process list's header.
			return await runTui(metrics ? { ...opened, caption: `${opened.caption} · metrics ${metrics.url}` } : opened, config);
		} finally {
			await metrics?.close();
		}
	}
	if (config.where.kind === 'endpoints' || config.prometheus) throw new UsageError(`memtop ${subcommand} works on one target: give one --inspect port, --pid, --ws or a command (not a range or --prometheus)`);
	const source = await openSource(config.where, config.logFile, config.connectTimeoutMs);
	try {
		if (subcommand === 'profile') {
			const files = await runProfile(source, { ...config, durationMs: config.durationMs ?? 10_000, alloc: cli.flags.alloc, sampleIntervalBytes: config.sampleIntervalBytes ?? DEFAULT_SAMPLE_INTERVAL, outFile: cli.flags.out, outDir: cli.flags.outDir });
			process.stderr.write(topText(files.top, 10, files.heapprofile));
			process.stdout.write(`${files.heapprofile}\n${files.pprof}\n`);
			return EXIT.ok;
		}
		if (subcommand === 'snapshot') {
			const file = await runSnapshot(source, { ...config, outFile: cli.flags.out, outDir: cli.flags.outDir }, (line) => process.stderr.write(line + '\n'));
			process.stderr.write(`memtop: wrote ${formatBytes(file.bytes)}\n`);
			process.stdout.write(file.path + '\n');
			return EXIT.ok;
		}
		throw new UsageError(`unknown command "${subcommand}"`);
	} catch (error) {
		if (source.kind === 'spawned') await source.spawned.stop();
		throw error;
	}
}

// Once the outcome is known, memtop ends: a socket left half-open by a peer that never answered (a WebSocket
// handshake that timed out) must not keep the process alive. Exit as soon as nothing else is left to do.
// Output still on its way to a slow reader is let out first.
const endSoon = () => setTimeout(function end() {
	if (process.stdout.writableLength > 0 || process.stderr.writableLength > 0) return void setTimeout(end, 200).unref();
	process.exit();
}, 1000).unref();

main().then((code) => {
	process.exitCode = code;
	endSoon();
}, (error: Error) => {
	endSoon();
	// memtop's own errors are said in one line and end with their code; anything else is a bug: its stack, exit 1.
	const known = error instanceof MemtopError;
	process.stderr.write(`memtop: ${known ? error.message : error.stack ?? String(error)}\n`);
	process.exitCode = known ? error.exitCode : EXIT.failure;
});
