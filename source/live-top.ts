// The live allocation top: V8's sampling heap profiler running in the target while memtop watches, read every
// few seconds and turned into pprof's top (in use: sampled objects still alive), with each function's growth
// over the last minutes. Started on demand (the t key), stopped when memtop detaches.
import { SamplerBusyError } from './collector/connection.js';
import { topOfProfile } from './model/profile/from-sampling.js';
import { keyOf, type Top } from './model/profile/top.js';
import type { Monitor } from './monitor.js';

export const DEFAULT_SAMPLE_INTERVAL = 512 * 1024;
const READ_MS = 5000;
const GROWTH_WINDOW_MS = 5 * 60 * 1000;

export interface LiveTopStatus {
	readonly top?: Top;
	/** Bytes per minute each function's in-use total changed over the growth window, by "name url line". */
	readonly growth: ReadonlyMap<string, number>;
	readonly text?: string;
}

/** The key growth is stored under: the same as the top's own. */
export const functionKey = keyOf;

export class LiveTop {
	status: LiveTopStatus = { growth: new Map() };
	version = 0;
	private timer: NodeJS.Timeout | undefined;
	private started = false;
	private history: { t: number; flat: Map<string, number> }[] = [];

	constructor(private readonly monitor: Monitor, private readonly intervalBytes = DEFAULT_SAMPLE_INTERVAL) {}

	private set(status: Partial<LiveTopStatus>): void {
		this.status = { ...this.status, ...status };
		this.version++;
	}

	/** Start sampling (once) and read every few seconds. */
	start(): void {
		if (this.timer) return;
		this.set({ text: 'starting the sampling heap profiler…' });
		this.timer = setInterval(() => void this.read(), READ_MS);
		void this.read();
	}

	stop(): void {
		clearInterval(this.timer);
		this.timer = undefined;
	}

	private async read(): Promise<void> {
		const session = this.monitor.target;
		try {
			if (!this.started) {
				await session.startSampling(this.intervalBytes, false);
				this.started = true;
				this.set({ text: `sampling every ${this.intervalBytes / 1024} KiB; the first top comes in ${READ_MS / 1000} s` });
				return;
			}
			const profile = await session.readSamplingProfile();
			const top = topOfProfile(profile, 'inuse');
			const t = Date.now();
			this.history.push({ t, flat: new Map(top.functions.map((f) => [functionKey(f), f.flat])) });
			while (this.history.length > 2 && this.history[0].t < t - GROWTH_WINDOW_MS) this.history.shift();
			const first = this.history[0];
			const minutes = (t - first.t) / 60_000;
			const growth = new Map(minutes > 0 ? top.functions.map((f) => [functionKey(f), (f.flat - (first.flat.get(functionKey(f)) ?? 0)) / minutes]) : []);
			this.set({ top, growth, text: undefined });
		} catch (error) {
			if (error instanceof SamplerBusyError) {
				this.stop();
				this.set({ text: `no allocation top: ${error.message}` });
				return;
			}
			// A reconnected target has no sampler of ours yet: start it again on the next read.
			this.started = false;
			this.set({ text: `allocation top paused: ${(error as Error).message}` });
		}
	}
}
