// Watches every reading for what a person should not have to stare at charts for: the leak verdict over the
// watch window, and alert thresholds. When an alert trips it is logged and, at most once per cooldown, evidence
// is captured to --out-dir (a profile by default: cheap; or a heap snapshot), so a flapping alert can neither
// fill the disk nor freeze the target again and again.
import { Signal, Store } from './store.js';
import type { History, Tick } from '../model/history.js';
import type { GcEvent } from '../types.js';
import type { Point } from '../model/stats/trend.js';
import { detectLeaks, type LeakReport } from '../model/leak/detect.js';
import { AlertRules, type Alert, type AlertRule } from '../model/alerts.js';
import { snapshotPath } from '../target/snapshot-file.js';
import { formatDuration } from '../model/format.js';
import type { LiveTop } from './live-top.js';
import type { TopSource } from './live-top-status.js';
import type { HandleStacks } from './handle-stacks.js';
import type { Holders } from './holders.js';

export type Capture = 'profile' | 'snapshot' | 'none';

export interface WatchdogOptions {
	readonly windowMs: number;
	readonly rules: readonly AlertRule[];
	readonly capture: Capture;
	readonly cooldownMs: number;
	readonly outDir: string;
	/** Force a full GC, now and then, to confirm a heap that seems to leak between major GCs. */
	readonly confirmWithGc: boolean;
}

/**
 * The verdict is worked out again this many times per window, at most once a reading: its cost is the window's
 * readings, so judging every reading of an hour's window (36,000 at 100 ms) would make the cost grow with the
 * window; judged 300 times a window it is the same per second at any window (each 12 s at 1 h, each reading
 * up to 30 s at 100 ms), and a verdict never lags by more than a three-hundredth of the time it looks at.
 */
export const JUDGMENTS_PER_WINDOW = 300;

/** Confirming GCs are this far apart at least, and never on a heap this big (the pause would hurt). */
const CONFIRM_SPACING_MS = 8000;
const CONFIRM_MAX_HEAP = 1024 * 1024 * 1024;

export interface LoggedAlert extends Alert {
	/** The file captured as evidence, once written. */
	artifact?: string;
	/** Why nothing was captured (cooldown, sampling off, a failed write). */
	note?: string;
}

/** The watchdog's findings now: the latest leak verdict and every alert so far. */
export interface WatchdogState {
	readonly report?: LeakReport;
	readonly alerts: readonly LoggedAlert[];
}

export class Watchdog {
	private readonly store = new Store<WatchdogState>({ alerts: [] });
	readonly subscribe = this.store.subscribe;
	readonly getSnapshot = this.store.getSnapshot;
	/** Each alert, once its evidence is written (or not, with a note why). */
	readonly alerted = new Signal<LoggedAlert>();
	private readonly logged: LoggedAlert[] = [];
	private readonly workers = new Set<{ readonly history: History; readonly state: string }>();
	/** The heaps of this process's worker threads at each reading of the window. */
	private readonly workerHeaps: Point[] = [];
	private readonly rules: AlertRules;
	private lastCapture = -Infinity;
	private gcSinceTick: GcEvent[] = [];
	private confirming = false;
	private lastForcedAt = -Infinity;
	private pending = new Set<Promise<void>>();

	constructor(private readonly history: History, private readonly attached: TopSource, private readonly tools: { liveTop?: LiveTop; handleStacks?: HandleStacks; holders?: Holders },
		private readonly options: WatchdogOptions) {
		this.rules = new AlertRules(options.rules);
	}

	/** The latest leak verdict; undefined before the first reading. */
	get report(): LeakReport | undefined {
		return this.store.getSnapshot().report;
	}

	get alerts(): readonly LoggedAlert[] {
		return this.store.getSnapshot().alerts;
	}

	private changed(report = this.report): void {
		this.store.set({ report, alerts: [...this.logged] });
	}

	/** GC events as they arrive, for the next reading's alerts. */
	onGc(events: readonly GcEvent[]): void {
		this.gcSinceTick.push(...events);
	}

	/**
	 * A worker thread of this process: its heap lies in the process's RSS but outside this thread's heaps, so
	 * it is taken out of the memory judged there (the worker's own heap is judged on its own row).
	 */
	addWorker(worker: { readonly history: History; readonly state: string }): void {
		this.workers.add(worker);
	}

	/** Judge the newest reading. */
	onTick(tick: Tick): void {
		const inWorkers = [...this.workers].reduce((sum, w) => {
			const r = w.state === 'live' ? w.history.latest()?.reading : undefined;
			return sum + (r ? r.heapTotal + (r.external ?? 0) : 0);
		}, 0);
		this.workerHeaps.push({ t: tick.t, v: inWorkers });
		while (this.workerHeaps.length > 0 && this.workerHeaps[0].t < tick.t - this.options.windowMs) this.workerHeaps.shift();
		// A reading a little early counts (readings jitter by a few ms): never a whole interval late.
		const due = this.report === undefined || tick.t - this.report.at >= this.options.windowMs / JUDGMENTS_PER_WINDOW - 50;
		const report = due ? detectLeaks(this.history, tick.t, this.options.windowMs, this.workers.size > 0 ? this.workerHeaps : undefined) : this.report!;
		// A handle type judged to leak: find out where its handles come from, once, without being asked.
		if (report.confirmWithGc) this.confirm(tick);
		const leaking = report.handles.filter((h) => h.verdict === 'leak').map((h) => h.type);
		if (leaking.length > 0 && this.tools.handleStacks?.status.phase === 'idle') void this.tools.handleStacks.start(leaking);
		// A heap leak: find out what holds its objects, once (two snapshots, on a small heap); and when the
		// sampler has seen too little of it to name a growing function, sample more finely.
		if (report.kinds.includes('heap')) {
			this.tools.holders?.find();
			if (this.tools.liveTop?.status.top && !this.tools.liveTop.status.suspects?.length) this.tools.liveTop.sharpen();
		}
		// GC events come in batches of their own, often after the reading of the interval they happened in: an
		// alert sees every one once, whenever it arrived.
		const gcs = this.gcSinceTick;
		this.gcSinceTick = [];
		for (const alert of this.rules.check(tick, gcs, report.verdict === 'leak')) {
			const logged: LoggedAlert = { ...alert };
			this.logged.push(logged);
			const done = this.captureFor(logged).then(() => {
				this.changed(); // the alert's artifact or note is in now
				this.alerted.emit(logged);
			});
			this.pending.add(done);
			void done.finally(() => this.pending.delete(done));
		}
		this.changed(report);
	}

	/**
	 * A rising floor without major GCs to judge it by: force one (marked on the charts), spaced out, so the next
	 * verdicts see what really survives a full GC. This pauses the target briefly; --no-confirm-gc turns it off.
	 */
	private confirm(tick: Tick): void {
		const lastFloor = Math.max(this.history.majorFloors.at(-1)?.t ?? -Infinity, this.lastForcedAt);
		const heap = tick.reading?.heapUsed ?? Infinity;
		if (!this.options.confirmWithGc || this.confirming || tick.t - lastFloor < CONFIRM_SPACING_MS || heap > CONFIRM_MAX_HEAP) return;
		this.confirming = true;
		const t = Date.now();
		this.lastForcedAt = t;
		this.attached.session.collectGarbage().then(
			() => this.history.addMarker({ t, label: 'G', text: 'full GC forced to confirm a suspected heap leak' }),
			() => {},
		).finally(() => {
			this.confirming = false;
		});
	}

	/** Resolves when every capture under way has finished (before a headless run writes its summary). */
	async settled(): Promise<void> {
		await Promise.all([...this.pending]);
	}

	private async captureFor(alert: LoggedAlert): Promise<void> {
		if (this.options.capture === 'none') return;
		const since = alert.t - this.lastCapture;
		if (since < this.options.cooldownMs) {
			alert.note = `no capture: the last was ${formatDuration(since)} ago (--alert-cooldown ${formatDuration(this.options.cooldownMs)})`;
			return;
		}
		this.lastCapture = alert.t;
		try {
			if (this.options.capture === 'profile') {
				if (!this.tools.liveTop) throw new Error('allocation sampling is off (--no-sampling): use --on-alert snapshot');
				alert.artifact = (await this.tools.liveTop.dump()).pprof;
			} else {
				const file = snapshotPath(this.options.outDir, this.attached.info?.pid);
				alert.artifact = (await this.attached.session.writeHeapSnapshot(file)).path;
			}
		} catch (error) {
			alert.note = `no capture: ${(error as Error).message}`;
		}
	}
}
