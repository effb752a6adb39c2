// `memtop profile`: run V8's sampling heap profiler in the target for a while and write what it found as a
// .heapprofile (opens in Chrome DevTools) and a pprof .pb.gz (go tool pprof, Pyroscope, Grafana), owner-only.
import { Session, type TargetSource } from '../target/session.js';
import { STOP_SIGNALS } from './snapshot.js';
import { snapshotPath } from '../target/snapshot-file.js';
import { writeProfileFiles } from '../target/profile-files.js';
import { stackSetToPprof, toPprof } from '../model/profile/pprof.js';
import { FrameTable, addProfile, newStackSet, topOfSet } from '../model/profile/stack-set.js';
import { stackSetToProfile } from '../model/profile/to-heapprofile.js';
import { READ_MS } from '../model/profile/read-pacing.js';
import { topOfProfile } from '../model/profile/from-sampling.js';
import type { Top } from '../model/profile/top.js';
import { WHERE_FLAGS, type Command } from './command.js';
import { onOneTarget } from './one-target.js';
import { topText } from '../render/profile-text.js';
import { EXIT } from '../errors.js';
import { DEFAULT_SAMPLE_INTERVAL } from '../watch/live-top.js';

export interface ProfileOptions {
	readonly intervalMs: number;
	readonly connectTimeoutMs: number;
	readonly durationMs: number;
	readonly alloc: boolean;
	readonly sampleIntervalBytes: number;
	readonly outFile?: string;
	readonly outDir: string;
}

export interface ProfileFiles {
	readonly heapprofile: string;
	readonly pprof: string;
	readonly top: Top;
}

/** Sample for durationMs (a signal ends it early), then write both files. */
export async function runProfile(source: TargetSource, options: ProfileOptions): Promise<ProfileFiles> {
	const session = new Session(source, { intervalMs: options.intervalMs, connectTimeoutMs: options.connectTimeoutMs, reconnect: false }, {
		onTarget: () => {},
		onReading: () => {},
		onGap: () => {},
		onGc: () => {},
		onState: () => {},
	});
	try {
		const info = await session.start();
		const started = Date.now();
		await session.startSampling(options.sampleIntervalBytes, options.alloc);
		// Allocated: V8 keeps every sample until sampling stops, so the sampler is emptied every few seconds
		// and the pieces summed here; the target's memory stays bounded however long the profile runs.
		const table = new FrameTable();
		const set = newStackSet();
		let draining = Promise.resolve(); // one drain at a time, and the last one done before the final stop
		const drain = options.alloc ? setInterval(() => {
			draining = draining.then(() => session.restartSampling(options.sampleIntervalBytes, true)).then((piece) => addProfile(set, piece, table), () => {});
		}, READ_MS) : undefined;
		await new Promise<void>((resolve) => {
			const timer = setTimeout(done, options.durationMs);
			function done() {
				clearTimeout(timer);
				for (const signal of STOP_SIGNALS) process.off(signal, done);
				resolve();
			}
			// Any of them ends the sampling early: what was sampled is written, the sampler stopped, memtop detached.
			for (const signal of STOP_SIGNALS) process.once(signal, done);
		});
		clearInterval(drain);
		await draining;
		const last = await session.stopSampling();
		const mode = options.alloc ? 'alloc' : 'inuse';
		const pprofOptions = { mode, intervalBytes: options.sampleIntervalBytes, timeMs: started, durationMs: Date.now() - started } as const;
		// --out names either file; the other sits beside it: app.heapprofile and app.pb.gz.
		const base = options.outFile ?? snapshotPath(options.outDir, info.pid, new Date(started), '');
		const chosenBy = options.outFile ? '--out' : '--out-dir';
		if (!options.alloc) return { ...writeProfileFiles(base, last, toPprof(last, pprofOptions), chosenBy), top: topOfProfile(last, mode) };
		addProfile(set, last, table);
		const paths = writeProfileFiles(base, stackSetToProfile(set, table), stackSetToPprof(set, table, pprofOptions), chosenBy);
		return { ...paths, top: topOfSet(set, table, { mode, unit: 'space', foldInternals: false }) };
	} finally {
		await session.stop();
	}
}

export const profileCommand: Command = {
	name: 'profile',
	summary: 'sample allocations for a while; write .heapprofile and pprof .pb.gz files',
	usage: [['memtop profile --inspect 9229 --duration 30 [--alloc]', 'sample allocations; write .heapprofile and pprof .pb.gz files']],
	flags: [...WHERE_FLAGS, 'duration', 'alloc', 'sampleInterval', 'outDir', 'out'],
	flagHelp: { duration: 'how long to sample, in seconds (default 10); Ctrl-C ends it early and writes what was sampled' },
	takesCommand: true,
	run: (invocation) => onOneTarget('profile', invocation, async (source, config) => {
		const { flags } = invocation;
		const files = await runProfile(source, { ...config, durationMs: config.durationMs ?? 10_000, alloc: flags.alloc, sampleIntervalBytes: config.sampleIntervalBytes ?? DEFAULT_SAMPLE_INTERVAL, outFile: flags.out });
		process.stderr.write(topText(files.top, 10, files.heapprofile));
		process.stdout.write(`${files.heapprofile}\n${files.pprof}\n`);
		return EXIT.ok;
	}),
};
