// Everything memtop runs for one target: the monitor and, on top of it, snapshots, the allocation top, handle
// stacks and the watchdog. The screen, the headless runner and the fleet all build a target this one way.
import type { TargetSource } from '../target/session.js';
import { Monitor } from './monitor.js';
import { Snapshots } from './snapshots.js';
import { LiveTop } from './live-top.js';
import type { LiveTopStatus } from './live-top-status.js';
import { HandleStacks } from './handle-stacks.js';
import { Holders } from './holders.js';
import { OriginalSource } from './original-source.js';
import { Watchdog, type Capture } from './watchdog.js';
import type { AlertRule } from '../model/alerts.js';
import type { GcEvent, TargetInfo } from '../types.js';
import type { Tick } from '../model/history.js';
import type { LoggedAlert } from './watchdog.js';
import { GcHistogram } from '../model/stats/gc-histogram.js';
import { RunningTotals } from '../model/stats/running-totals.js';

/** What a runner hears of one target beyond what the screen reads from it (headless output, exporters). */
export interface WatchedListener {
	onAttach?(info: TargetInfo): void;
	onTick?(tick: Tick): void;
	/** A reading that could not be taken (a tick without one). */
	onGap?(tick: Tick): void;
	/** The allocation top after each read of the sampler. */
	onTop?(status: LiveTopStatus): void;
	onGcEvents?(events: readonly GcEvent[]): void;
	onAlert?(alert: LoggedAlert): void;
}

export interface WatchOptions {
	readonly intervalMs: number;
	readonly connectTimeoutMs: number;
	readonly windowMs: number;
	readonly outDir: string;
	/** Bytes between allocation samples; undefined: no sampling (no allocation top). */
	readonly sampleIntervalBytes?: number;
	readonly alerts: readonly AlertRule[];
	readonly capture: Capture;
	readonly alertCooldownMs: number;
	readonly confirmWithGc: boolean;
}

export class Watched {
	readonly monitor: Monitor;
	readonly snapshots: Snapshots;
	readonly liveTop: LiveTop | undefined;
	readonly handleStacks: HandleStacks;
	/** What holds a heap leak's objects, looked for once the heap is judged to leak. */
	readonly holders: Holders;
	readonly watchdog: Watchdog;
	/** Every GC pause since attaching, by kind, and the bytes allocated, for exporters. */
	readonly gcPauses = new GcHistogram();
	readonly totals = new RunningTotals();

	/** reconnect: see Monitor (a fleet's member that went away stays gone, with its history). */
	constructor(source: TargetSource, options: WatchOptions, reconnect?: boolean, listener: WatchedListener = {}) {
		this.monitor = new Monitor(source, options.intervalMs, options.connectTimeoutMs, reconnect);
		this.snapshots = new Snapshots(this.monitor, options.outDir);
		const original = new OriginalSource(() => this.monitor.session);
		this.liveTop = options.sampleIntervalBytes === undefined ? undefined : new LiveTop(this.monitor, options.outDir, options.sampleIntervalBytes, original);
		if (this.liveTop) this.liveTop.windowMs = options.windowMs; // the screen moves it with its chart window
		this.handleStacks = new HandleStacks(this.monitor, undefined, original);
		this.holders = new Holders(this.monitor, options.capture);
		this.watchdog = new Watchdog(this.monitor.history, this.monitor, { liveTop: this.liveTop, handleStacks: this.handleStacks, holders: this.holders }, {
			windowMs: options.windowMs, rules: options.alerts, capture: options.capture, cooldownMs: options.alertCooldownMs, outDir: options.outDir, confirmWithGc: options.confirmWithGc,
		});
		// The watchdog judges each reading before a runner hears of it, so a record sees the verdict it brought.
		this.monitor.ticks.add((tick) => {
			this.watchdog.onTick(tick);
			this.totals.add(tick);
		});
		this.monitor.gcBatches.add((events) => {
			this.watchdog.onGc(events);
			this.gcPauses.observe(events);
		});
		this.listen(listener);
	}

	/** Hear what the listener asks for until the returned function is called. */
	listen(listener: WatchedListener): () => void {
		const { onAttach, onTick, onGap, onTop, onGcEvents, onAlert } = listener;
		const stops = [
			onAttach && this.monitor.attaches.add(onAttach),
			onTick && this.monitor.ticks.add(onTick),
			onGap && this.monitor.gaps.add(onGap),
			onGcEvents && this.monitor.gcBatches.add(onGcEvents),
			onTop && this.liveTop?.reads.add(onTop),
			onAlert && this.watchdog.alerted.add(onAlert),
		];
		return () => stops.forEach((stop) => stop?.());
	}

	/** Attach; connection errors reject. Sampling starts once attached, so the top has figures when opened. */
	async start(): Promise<TargetInfo> {
		const info = await this.monitor.start();
		this.liveTop?.start();
		return info;
	}

	/** Stop everything and detach cleanly (a spawned target is stopped). */
	async stop(): Promise<void> {
		this.snapshots.stop();
		this.liveTop?.stop();
		this.handleStacks.stop();
		this.holders.stop();
		await this.monitor.stop();
	}
}
