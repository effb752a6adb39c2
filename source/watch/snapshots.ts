// Heap snapshots from the live screen: confirm on a big heap, capture to disk with progress, analyse in a
// worker, and keep the report. Every snapshot of one screen session shares the target's object ids (one
// inspector session), so each is diffed object by object against the one before.
import { Store } from './store.js';
import { largeHeapWarning, snapshotPath } from '../target/snapshot-file.js';
import { analyzeInWorker } from '../analysis/analyze-in-worker.js';
import type { SnapshotReport } from '../analysis/report.js';
import type { Monitor } from './monitor.js';
import { CaptureError } from '../errors.js';
import { formatBytes } from '../model/format.js';

export type SnapshotPhase = 'idle' | 'confirm' | 'capturing' | 'writing' | 'analysing' | 'ready' | 'failed';

export interface SnapshotStatus {
	readonly phase: SnapshotPhase;
	/** 0..1 within the phase, when known. */
	readonly fraction?: number;
	/** What to tell the user: the warning to confirm, the failure and its fix, the file written. */
	readonly text?: string;
	readonly report?: SnapshotReport;
}

const ANALYSIS_LABELS: Record<string, string> = { base: 'reading the previous snapshot', parse: 'reading', dominators: 'dominators', summary: 'summary', retainers: 'retainer paths' };

export class Snapshots {
	private readonly store = new Store<SnapshotStatus>({ phase: 'idle' });
	readonly subscribe = this.store.subscribe;
	readonly getSnapshot = this.store.getSnapshot;
	private previousFile: string | undefined;
	private lastReport: SnapshotReport | undefined;
	private readonly abort = new AbortController();

	constructor(private readonly monitor: Monitor, private readonly outDir: string, private readonly largeHeapBytes?: number) {}

	/** Where the snapshot the user asked for stands now. */
	get status(): SnapshotStatus {
		return this.store.getSnapshot();
	}

	private set(status: SnapshotStatus): void {
		this.store.set({ report: this.lastReport, ...status });
	}

	get busy(): boolean {
		return ['capturing', 'writing', 'analysing'].includes(this.status.phase);
	}

	/** The `s` key: ask first when the heap is large (a second press confirms), else take one now. */
	request(): void {
		if (this.busy) return;
		const heapUsed = this.monitor.history.latest()?.reading?.heapUsed;
		const warning = largeHeapWarning(heapUsed, this.largeHeapBytes);
		if (warning && this.status.phase !== 'confirm') {
			this.set({ phase: 'confirm', text: `${warning}. Press s again to take it, any other key to cancel.` });
			return;
		}
		void this.take();
	}

	/** Any other key while confirming cancels. */
	cancel(): void {
		if (this.status.phase === 'confirm') this.set({ phase: this.lastReport ? 'ready' : 'idle' });
	}

	/** Stop an analysis in progress (quitting). */
	stop(): void {
		this.abort.abort();
	}

	private async take(): Promise<void> {
		const pid = this.monitor.info?.pid;
		const file = snapshotPath(this.outDir, pid);
		this.set({ phase: 'capturing', fraction: 0 });
		this.monitor.mark('S', `heap snapshot ${file}`);
		try {
			await this.monitor.session.writeHeapSnapshot(file, { onProgress: (p) =>
				p.phase === 'snapshot'
					? this.set({ phase: 'capturing', fraction: p.total ? p.done / p.total : 0 })
					: this.set({ phase: 'writing', text: `${formatBytes(p.done)} written` }) });
		} catch (error) {
			this.set({ phase: 'failed', text: error instanceof CaptureError ? error.message : `the snapshot failed: ${(error as Error).message}` });
			return;
		}
		this.set({ phase: 'analysing', fraction: 0, text: 'reading' });
		try {
			const report = await analyzeInWorker(file, this.previousFile, (phase, fraction) => this.set({ phase: 'analysing', fraction, text: ANALYSIS_LABELS[phase] ?? phase }), this.abort.signal);
			this.previousFile = file;
			this.lastReport = report;
			this.set({ phase: 'ready', report, text: file });
		} catch (error) {
			this.set({ phase: 'failed', text: `wrote ${file}, but could not analyse it: ${(error as Error).message}` });
		}
	}
}
