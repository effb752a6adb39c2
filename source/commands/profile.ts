// `memtop profile`: run V8's sampling heap profiler in the target for a while and write what it found as a
// .heapprofile (opens in Chrome DevTools) and a pprof .pb.gz (go tool pprof, Pyroscope, Grafana), owner-only.
import { Session, type TargetSource } from '../target/session.js';
import { STOP_SIGNALS } from './snapshot.js';
import { snapshotPath } from '../target/snapshot-file.js';
import { FrameTable } from '../model/profile/stack-set.js';
import { AllocWindow } from '../model/profile/alloc-window.js';
import { READ_MS } from '../model/profile/read-pacing.js';
import { topOfAllocationProfile, writeAllocationProfile, type AllocationProfile } from '../watch/allocation-profile.js';
import { OriginalSource } from '../watch/original-source.js';
import type { Top } from '../model/profile/top.js';
import { WHERE_FLAGS, type Command } from './command.js';
import { onOneTarget } from './one-target.js';
import { topText } from '../render/profile-text.js';
import { EXIT } from '../errors.js';
import { DEFAULT_SAMPLE_INTERVAL } from '../watch/live-top-status.js';

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
		const { sampleIntervalBytes: intervalBytes } = options;
		await session.startSampling(intervalBytes, options.alloc);
		// Allocated: V8 keeps every sample until sampling stops, so the sampler is emptied every few seconds
		// into a window as long as the run, as the live top does; the target's memory stays bounded.
		// Frames in their original source where a script has a source map (a TypeScript build), as the live top does.
		const original = new OriginalSource(() => session);
		const table = new FrameTable();
		const window = new AllocWindow();
		let draining = Promise.resolve(); // one drain at a time, and the last one done before the final stop
		const drain = options.alloc ? setInterval(() => {
			draining = draining.then(() => session.restartSampling(intervalBytes, true)).then(original.profile.bind(original)).then((piece) => window.add(Date.now(), piece, table, Infinity, started), () => {});
		}, READ_MS) : undefined;
		await untilDoneOrSignal(options.durationMs);
		clearInterval(drain);
		await draining;
		const last = await original.profile(await session.stopSampling());
		for (const note of original.notes) process.stderr.write(`memtop: ${note}\n`);
		if (options.alloc) window.add(Date.now(), last, table, Infinity, started);
		const profile: AllocationProfile = options.alloc ? { mode: 'alloc', window, table, intervalBytes } : { mode: 'inuse', profile: last, intervalBytes, from: started, to: Date.now() };
		// --out names either file; the other sits beside it: app.heapprofile and app.pb.gz.
		const base = options.outFile ?? snapshotPath(options.outDir, info.pid, new Date(started), '');
		return { ...writeAllocationProfile(base, profile, options.outFile ? '--out' : '--out-dir'), top: topOfAllocationProfile(profile) };
	} finally {
		await session.stop();
	}
}

/** Wait for ms, or for any of the stop signals: they end the sampling early, and what was sampled is written. */
function untilDoneOrSignal(ms: number): Promise<void> {
	return new Promise<void>((resolve) => {
		const timer = setTimeout(done, ms);
		function done() {
			clearTimeout(timer);
			for (const signal of STOP_SIGNALS) process.off(signal, done);
			resolve();
		}
		for (const signal of STOP_SIGNALS) process.once(signal, done);
	});
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
