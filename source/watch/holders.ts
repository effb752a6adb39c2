// What holds a leak's objects: once the heap is judged to leak, two heap snapshots some seconds apart and their
// diff name the classes that grew and the path from a root to the newest object of each (a Map in a module's
// scope, a listener array on an emitter). The allocation top says where the objects are made; this says who
// keeps them. A snapshot pauses the target, so only small heaps are done without asking (--on-alert snapshot
// allows any size). The two files are private, temporary, and removed once read.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Store } from './store.js';
import { analyzeInWorker } from '../analysis/analyze-in-worker.js';
import type { HeldBy } from '../analysis/report.js';
import type { Monitor } from './monitor.js';
import type { Capture } from './watchdog.js';
import { formatBytes } from '../model/format.js';

/** Heaps up to this size are snapshotted without asking. */
export const HOLDERS_MAX_HEAP = 64 * 1024 * 1024;
/** Time between the two snapshots: enough for a leak of a few MB a minute to add objects worth naming. */
export const HOLDERS_GAP_MS = 15_000;

export interface HoldersStatus {
	readonly phase: 'idle' | 'capturing' | 'done' | 'skipped' | 'failed';
	readonly text?: string;
	readonly heldBy?: readonly HeldBy[];
}

export class Holders {
	private readonly store = new Store<HoldersStatus>({ phase: 'idle' });
	readonly subscribe = this.store.subscribe;
	readonly getSnapshot = this.store.getSnapshot;
	private readonly abort = new AbortController();
	private running: Promise<void> = Promise.resolve();

	/**
	 * capture (--on-alert): `snapshot` welcomes snapshots of any heap; `none` asked memtop to take nothing of the
	 * target on its own, so none are taken; `profile` (the default) allows them on a small heap.
	 */
	constructor(private readonly monitor: Monitor, private readonly capture: Capture, private readonly gapMs = HOLDERS_GAP_MS) {}

	get status(): HoldersStatus {
		return this.store.getSnapshot();
	}

	/** Look for the holders once, if the heap is small enough; later calls do nothing. */
	find(): void {
		if (this.status.phase !== 'idle') return;
		const heapUsed = this.monitor.history.latest()?.reading?.heapUsed ?? Infinity;
		if (this.capture === 'none') {
			this.store.set({ phase: 'skipped', text: 'what holds the objects: not looked for (--on-alert none: memtop takes nothing of the target on its own); press s twice' });
			return;
		}
		if (this.capture !== 'snapshot' && heapUsed > HOLDERS_MAX_HEAP) {
			this.store.set({ phase: 'skipped', text: `what holds the objects: not looked for on a heap over ${formatBytes(HOLDERS_MAX_HEAP)} (two snapshots would pause it); press s twice, or run with --on-alert snapshot` });
			return;
		}
		this.running = this.snapshotTwice().catch((error: Error) => {
			if (!this.abort.signal.aborted) this.store.set({ phase: 'failed', text: `what holds the objects: ${error.message}` });
		});
	}

	/** Wait for a search under way (the run is ending: its result goes into the summary). */
	async settled(): Promise<void> {
		await this.running;
	}

	stop(): void {
		this.abort.abort();
	}

	private async snapshotTwice(): Promise<void> {
		const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'memtop-holders-'));
		try {
			this.store.set({ phase: 'capturing', text: 'what holds the objects: taking a heap snapshot' });
			const first = path.join(dir, 'before.heapsnapshot');
			const second = path.join(dir, 'after.heapsnapshot');
			this.monitor.mark('S', 'heap snapshot (what holds the leak, 1 of 2)');
			await this.monitor.session.writeHeapSnapshot(first, { stop: this.abort.signal });
			this.store.set({ phase: 'capturing', text: `what holds the objects: the second snapshot in ${this.gapMs / 1000} s` });
			await delay(this.gapMs, this.abort.signal);
			this.monitor.mark('S', 'heap snapshot (what holds the leak, 2 of 2)');
			await this.monitor.session.writeHeapSnapshot(second, { stop: this.abort.signal });
			this.store.set({ phase: 'capturing', text: 'what holds the objects: comparing the two snapshots' });
			const report = await analyzeInWorker(second, first, () => {}, this.abort.signal);
			const heldBy = report.heldBy ?? [];
			this.store.set({ phase: 'done', heldBy, text: heldBy.length > 0 ? undefined : 'what holds the objects: no class of the program grew between the two snapshots' });
		} finally {
			fs.rmSync(dir, { recursive: true, force: true });
		}
	}
}

function delay(ms: number, signal: AbortSignal): Promise<void> {
	return new Promise((resolve, reject) => {
		const timer = setTimeout(resolve, ms);
		signal.addEventListener('abort', () => {
			clearTimeout(timer);
			reject(new Error('stopped'));
		}, { once: true });
	});
}
