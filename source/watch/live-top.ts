// The live allocation top: V8's sampling heap profiler runs in the target while memtop is attached and is read
// every few seconds into pprof's top. In use: the samples of objects still alive, as V8 holds them. Allocated:
// V8 keeps every sample until sampling stops, so each read restarts the sampler and memtop sums the profiles
// over the chart window itself; the target's memory stays bounded.
import { Signal, Store } from './store.js';
import { snapshotPath } from '../target/snapshot-file.js';
import type { ProfileFilePaths } from '../target/profile-files.js';
import { writeAllocationProfile } from './allocation-profile.js';
import { AllocWindow } from '../model/profile/alloc-window.js';
import { InuseHistory } from '../model/profile/inuse-history.js';
import { READ_MS, ReadPacing } from '../model/profile/read-pacing.js';
import { FrameTable, addProfile, newStackSet, topOfSet, viewIndex, type StackSet, type ViewOptions } from '../model/profile/stack-set.js';
import { peekOf, type Neighbour } from '../model/profile/stack-context.js';
import { SuspectSources } from './suspect-sources.js';
import { OriginalSource } from './original-source.js';
import type { Suspect } from '../model/profile/suspects.js';
import { keyOf, type FunctionRow, type Top } from '../model/profile/top.js';
import type { Session } from '../target/session.js';
import type { SamplingProfile } from '../model/profile/sampling-profile.js';
import type { TargetInfo } from '../types.js';
import { SamplerBusyError } from '../errors.js';
import { busyWaitMs, DEFAULT_SAMPLE_INTERVAL, type ListView, type LiveTopStatus, type TopSource } from './live-top-status.js';

/** The finest sampling interval memtop sharpens to. */
const FINEST_INTERVAL = 32 * 1024;

export class LiveTop {
	private readonly store = new Store<LiveTopStatus>({ view: { mode: 'inuse', unit: 'space', foldInternals: false }, perMinute: new Map(), readEveryMs: READ_MS });
	readonly subscribe = this.store.subscribe;
	readonly getSnapshot = this.store.getSnapshot;
	/** Each read that changed the figures, and a sampler another tool owns (headless writes a top record). */
	readonly reads = new Signal<LiveTopStatus>();
	windowMs = 5 * 60 * 1000;
	private timer: NodeJS.Timeout | undefined;
	private active = false;
	private running = false; // our sampler runs on the current connection
	private samplerStarted: () => void = () => {};
	private readonly firstStart = new Promise<void>((resolve) => (this.samplerStarted = resolve));
	private reading = false;
	private busyTries = 0; // consecutive starts refused because another tool runs the sampler
	private sharpened = false;
	private readAgain = false;
	private pendingStop = false; // a mode switch: stop the sampler before starting it with the other settings
	private generation = 0; // bumped when the figures start afresh: a read from before is dropped
	private table = new FrameTable();
	private readonly alloc = new AllocWindow();
	private readonly inuse = new InuseHistory();
	private readonly pacing = new ReadPacing();
	private pid: number | undefined;
	private readonly sources = new Map<string, string[]>();
	private readonly suspectSources = new SuspectSources(this.sources, (scriptId) => this.original.text(scriptId), () => {
		if (this.status.suspects) this.set({ suspects: this.suspectSources.complete(this.status.suspects, this.table) });
	});

	/** original: where frames are moved to their source maps' sources (one per target, shared with handle stacks). */
	constructor(private readonly monitor: TopSource, private readonly outDir: string, public intervalBytes = DEFAULT_SAMPLE_INTERVAL,
		private readonly original = new OriginalSource(() => monitor.session)) {}

	/** The top as of the last read, with its view and any list or suspects. */
	get status(): LiveTopStatus {
		return this.store.getSnapshot();
	}

	private set(status: Partial<LiveTopStatus>): void {
		this.store.set({ ...this.status, ...status });
	}

	/** Start sampling and reading every few seconds; idempotent. */
	start(): void {
		if (this.active) return;
		this.active = true;
		this.set({ text: 'starting the sampling heap profiler…' });
		this.cycle();
	}

	private cycle(): void {
		void this.read().finally(() => {
			if (this.active) this.timer = setTimeout(() => this.cycle(), this.busyTries > 0 ? busyWaitMs(this.busyTries) : this.status.readEveryMs);
		});
	}

	stop(): void {
		this.active = false;
		clearTimeout(this.timer);
	}

	/** inuse <-> alloc: the sampler restarts with the other settings and the figures start afresh. */
	toggleMode(): void {
		this.store.set({ ...this.status, view: { ...this.status.view, mode: this.status.view.mode === 'inuse' ? 'alloc' : 'inuse' } });
		this.restartFigures(true);
		if (this.active) void this.read();
	}

	/**
	 * Sample 8 times more finely from now on (32 KiB at the finest): a slow leak (1 MB/min) leaves two samples a
	 * minute at 512 KiB, too few to tell which function grows. The figures start afresh; once per target.
	 */
	sharpen(): boolean {
		const finer = Math.max(FINEST_INTERVAL, Math.floor(this.intervalBytes / 8));
		if (this.sharpened || finer >= this.intervalBytes) return false;
		this.sharpened = true;
		this.intervalBytes = finer;
		this.restartFigures(true);
		if (this.active) void this.read();
		return true;
	}

	/** bytes <-> objects; the data is the same, only the view changes. */
	toggleUnit(): void {
		this.changeView({ unit: this.status.view.unit === 'space' ? 'objects' : 'space' });
	}

	/** Fold Node's own frames (node:...) into the code that called them, or show them. */
	toggleFold(): void {
		this.changeView({ foldInternals: !this.status.view.foldInternals });
	}

	private changeView(change: Partial<ViewOptions>): void {
		this.store.set({ ...this.status, view: { ...this.status.view, ...change } });
		this.recompute();
	}

	private restartFigures(restartSampler: boolean): void {
		this.generation++;
		if (restartSampler && this.running) this.pendingStop = true;
		this.alloc.clear();
		this.inuse.clear();
		this.set({ top: undefined, perMinute: new Map(), list: undefined, since: undefined, text: 'restarting the sampler…' });
	}

	private async read(): Promise<void> {
		if (this.reading) {
			this.readAgain = true;
			return;
		}
		this.reading = true;
		try {
			await this.readOnce();
		} finally {
			this.reading = false;
			if (this.readAgain && this.active) {
				this.readAgain = false;
				void this.read();
			}
		}
	}

	private async readOnce(): Promise<void> {
		const session = this.monitor.session;
		const { mode } = this.status.view;
		try {
			const pid = this.monitor.info?.pid;
			if (pid !== this.pid) {
				// Another process: its script ids and functions are not the old one's.
				this.pid = pid;
				this.table = new FrameTable();
				this.sources.clear();
				this.suspectSources.clear();
				this.restartFigures(false);
			}
			if (this.pendingStop) {
				this.pendingStop = false;
				this.running = false;
				await session.stopSampling();
			}
			if (!this.running) {
				// A new sampler (a reconnect, a mode switch) knows nothing of the old one's samples: start afresh.
				if (!this.inuse.empty || !this.alloc.empty) this.restartFigures(false);
				await session.startSampling(this.intervalBytes, mode === 'alloc');
				this.busyTries = 0;
				this.running = true;
				this.samplerStarted();
				this.set({ since: Date.now(), text: `sampling every ${Math.round(this.intervalBytes / 1024)} KiB; the first figures come in ${this.status.readEveryMs / 1000} s` });
				return;
			}
			const generation = this.generation;
			const asked = performance.now();
			const read = mode === 'alloc' ? await session.restartSampling(this.intervalBytes, true) : await session.readSamplingProfile();
			const readEveryMs = this.pacing.record(performance.now() - asked);
			if (readEveryMs !== this.status.readEveryMs) this.set({ readEveryMs });
			if (generation !== this.generation) return;
			const profile = await this.original.profile(read);
			if (generation !== this.generation) return;
			this.ingest(profile, Date.now());
			if (this.original.notes.length > 0 && this.status.sourceMaps !== this.original.notes[0]) this.set({ sourceMaps: this.original.notes[0] });
			this.reads.emit(this.status);
		} catch (error) {
			if (error instanceof SamplerBusyError) {
				// The other tool may be done in seconds: ask again, less and less often. Said once, not per try.
				this.busyTries++;
				this.set({ text: `no allocation top: ${error.message}; memtop asks again in ${Math.round(busyWaitMs(this.busyTries) / 1000)} s` });
				if (this.busyTries === 1) this.reads.emit(this.status);
				return;
			}
			// A reconnected target has no sampler of ours: start it again on the next read.
			this.running = false;
			this.set({ text: `allocation top paused: ${(error as Error).message}` });
		}
	}

	/** One read's work on memtop's side, what a refresh costs: the profile into the set, then the view. */
	ingest(profile: SamplingProfile, t: number): void {
		if (this.status.view.mode === 'alloc') {
			this.alloc.add(t, profile, this.table, this.windowMs, this.status.since ?? t);
		} else {
			const set = newStackSet();
			addProfile(set, profile, this.table);
			this.inuse.add(t, set, this.table, this.windowMs);
		}
		this.set({ text: undefined });
		this.recompute();
	}

	/** What the view sums: the latest profile in use, or the pieces of the window allocated. */
	private viewSet(): StackSet {
		return this.status.view.mode === 'alloc' ? this.alloc.sum : this.inuse.set;
	}

	private recompute(): void {
		const { view } = this.status;
		if (view.mode === 'inuse' ? this.inuse.empty : this.alloc.empty) return this.set({});
		const set = this.viewSet();
		const top = topOfSet(set, this.table, view);
		const perMinute = new Map<string, number>();
		if (view.mode === 'alloc') {
			const minutes = (this.alloc.span.to - this.alloc.span.from) / 60_000;
			if (minutes > 0) for (const f of top.functions) perMinute.set(keyOf(f), f.flat / minutes);
		} else {
			for (const f of top.functions) {
				const id = this.table.find(f);
				const growth = id === undefined ? undefined : this.inuse.growth(id, viewIndex(view), f.flat);
				if (growth !== undefined) perMinute.set(keyOf(f), growth);
			}
		}
		const open = this.status.list;
		const list = open ? { ...open, ...peekOf(set, this.table, view, open.row), row: top.functions.find((f) => keyOf(f) === keyOf(open.row)) ?? open.row } : undefined;
		this.set({ top, perMinute, list, suspects: view.mode === 'inuse' ? this.suspectSources.complete(this.inuse.suspects(this.table), this.table) : this.status.suspects });
	}


	/** Open pprof's list and peek for a function of the top; the source comes from the target on demand. */
	async openList(row: FunctionRow): Promise<void> {
		const set = this.viewSet();
		const id = this.table.find(row);
		const frame = id === undefined ? undefined : this.table.frames[id];
		this.set({ list: { row, ...peekOf(set, this.table, this.status.view, row), sourceText: frame?.scriptId && frame.scriptId !== '0' ? 'reading the source…' : 'no source: a native or built-in function' } });
		if (!frame?.scriptId || frame.scriptId === '0') return;
		try {
			let lines = this.sources.get(frame.scriptId);
			if (!lines) {
				lines = (await this.original.text(frame.scriptId)).split(/\r?\n/);
				this.sources.set(frame.scriptId, lines);
			}
			const open = this.status.list;
			if (open && keyOf(open.row) === keyOf(row)) this.set({ list: { ...open, source: lines, sourceText: undefined } });
		} catch (error) {
			if (this.status.list) this.set({ list: { ...this.status.list, sourceText: `no source: ${(error as Error).message}` } });
		}
	}

	closeList(): void {
		this.set({ list: undefined });
	}

	/** Write what the view shows (in use now, or allocated over the window) as .heapprofile and .pb.gz. */
	async dump(): Promise<ProfileFilePaths> {
		const t = Date.now();
		const base = snapshotPath(this.outDir, this.monitor.info?.pid, new Date(t), '');
		if (this.status.view.mode === 'inuse') {
			// An alert at the very first reading comes before the sampler is up: give it a moment.
			if (!this.running) await Promise.race([this.firstStart, new Promise((resolve) => setTimeout(resolve, 3000).unref())]);
			if (!this.running) throw new Error('the sampler is not running yet');
			const profile = await this.original.profile(await this.monitor.session.readSamplingProfile());
			return writeAllocationProfile(base, { mode: 'inuse', profile, intervalBytes: this.intervalBytes, from: this.status.since ?? t, to: t });
		}
		if (this.alloc.empty) throw new Error(`nothing allocated has been read yet; the first read comes ${this.status.readEveryMs / 1000} s after switching`);
		return writeAllocationProfile(base, { mode: 'alloc', window: this.alloc, table: this.table, intervalBytes: this.intervalBytes });
	}
}
