// `memtop snapshot`: attach, warn about the cost on a big heap, stream a heap snapshot to disk, detach.
import { Session, type TargetSource } from '../target/session.js';
import { largeHeapWarning, snapshotPath, type SnapshotFile } from '../target/snapshot-file.js';
import { formatBytes } from '../model/format.js';
import { progressLine } from './progress-line.js';
import type { Reading } from '../types.js';
import { EXIT, InterruptedError } from '../errors.js';
import { WHERE_FLAGS, type Command } from './command.js';
import { onOneTarget } from './one-target.js';

/** The signals a command ends on cleanly, as the screen does. */
export const STOP_SIGNALS: readonly NodeJS.Signals[] = ['SIGINT', 'SIGTERM', 'SIGHUP'];

export interface SnapshotOptions {
	readonly intervalMs: number;
	readonly connectTimeoutMs: number;
	readonly outFile?: string;
	readonly outDir: string;
}

/** Take one snapshot; resolves with the file written. Capture failures reject with a CaptureError. */
export async function runSnapshot(source: TargetSource, options: SnapshotOptions, log: (line: string) => void): Promise<SnapshotFile> {
	let firstReading: (reading: Reading | undefined) => void = () => {};
	const reading = new Promise<Reading | undefined>((resolve) => (firstReading = resolve));
	const session = new Session(source, { intervalMs: options.intervalMs, connectTimeoutMs: options.connectTimeoutMs, reconnect: false }, {
		onTarget: () => {},
		onReading: (r) => firstReading(r),
		onGap: () => firstReading(undefined),
		onGc: () => {},
		onState: () => {},
	});
	try {
		const info = await session.start();
		const warning = largeHeapWarning((await reading)?.heapUsed);
		if (warning) log(`memtop: ${warning}`);
		const file = options.outFile ?? snapshotPath(options.outDir, info.pid);
		const progress = progressLine();
		// Ctrl-C, a kill or a closed terminal: stop waiting, remove the partial file, detach (in the finally below).
		const stop = new AbortController();
		const onSignal = (signal: NodeJS.Signals) => stop.abort(new InterruptedError(signal, 'the snapshot'));
		for (const signal of STOP_SIGNALS) process.once(signal, onSignal);
		try {
			return await session.writeHeapSnapshot(file, {
				onProgress: (p) => p.phase === 'snapshot' ? progress.update('taking the snapshot', p.total ? p.done / p.total : 0) : progress.update(`writing: ${formatBytes(p.done)}`),
				chosenBy: options.outFile ? '--out' : '--out-dir',
				stop: stop.signal,
			});
		} finally {
			for (const signal of STOP_SIGNALS) process.off(signal, onSignal);
			progress.done();
		}
	} finally {
		await session.stop();
	}
}

export const snapshotCommand: Command = {
	name: 'snapshot',
	summary: 'write a heap snapshot of the target and exit (opens in Chrome DevTools, memlab, memtop analyze)',
	usage: [['memtop snapshot --inspect 9229 [--out FILE]', 'write a heap snapshot of the target and exit']],
	flags: [...WHERE_FLAGS, 'outDir', 'out'],
	flagHelp: { out: 'the file to write (default: memtop-PID-TIME.heapsnapshot in --out-dir)' },
	takesCommand: true,
	run: (invocation) => onOneTarget('snapshot', invocation, async (source, config) => {
		const file = await runSnapshot(source, { ...config, outFile: invocation.flags.out }, (line) => process.stderr.write(line + '\n'));
		process.stderr.write(`memtop: wrote ${formatBytes(file.bytes)} (${file.how === 'written by the target' ? "written by the target's V8 on this machine" : 'streamed over the inspector'})\n`);
		process.stdout.write(file.path + '\n');
		return EXIT.ok;
	}),
};
