// `memtop profile`: run V8's sampling heap profiler in the target for a while and write what it found as a
// .heapprofile (opens in Chrome DevTools) and a pprof .pb.gz (go tool pprof, Pyroscope, Grafana), owner-only.
import { Session, type TargetSource } from '../collector/session.js';
import { snapshotPath, writePrivateFile } from '../collector/snapshot-file.js';
import { toPprof } from '../model/profile/pprof.js';
import { topOfProfile } from '../model/profile/from-sampling.js';
import type { Top } from '../model/profile/top.js';

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
		await new Promise<void>((resolve) => {
			const timer = setTimeout(done, options.durationMs);
			function done() {
				clearTimeout(timer);
				process.off('SIGINT', done);
				resolve();
			}
			process.once('SIGINT', done);
		});
		const profile = await session.stopSampling();
		const mode = options.alloc ? 'alloc' : 'inuse';
		// --out names either file; the other sits beside it: app.heapprofile and app.pb.gz.
		const base = (options.outFile ?? snapshotPath(options.outDir, info.pid, new Date(started), '')).replace(/\.(heapprofile|pb\.gz)$/, '');
		const heapprofile = `${base}.heapprofile`;
		const pprof = `${base}.pb.gz`;
		writePrivateFile(heapprofile, JSON.stringify(profile));
		writePrivateFile(pprof, toPprof(profile, { mode, intervalBytes: options.sampleIntervalBytes, timeMs: started, durationMs: Date.now() - started }));
		return { heapprofile, pprof, top: topOfProfile(profile, mode) };
	} finally {
		await session.stop();
	}
}
