// A monitoring session: one reading per interval, GC batches as they come, and reconnection with backoff
// when the target goes away. It reports through callbacks and knows nothing of screens or JSON.
import { Connection } from './connection.js';
import type { LoadedScript } from './target-values.js';
import { captureToFile, type CaptureProgress, type ChosenBy, type SnapshotFile } from './snapshot-file.js';
import { writtenInTarget } from './snapshot-in-target.js';
import { chooseTarget, listTargets } from './discover.js';
import type { SpawnedTarget } from './spawn.js';
import type { WorkerTarget } from './worker-channel.js';
import type { ConnectionState, Endpoint, GcEvent, HandleTraceReport, Reading, TargetInfo } from '../types.js';
import type { SamplingProfile } from '../model/profile/sampling-profile.js';

export type TargetSource =
	| { readonly kind: 'endpoint'; readonly endpoint: Endpoint; readonly target?: string; readonly closeInspector?: boolean }
	| { readonly kind: 'ws'; readonly url: string }
	| { readonly kind: 'spawned'; readonly spawned: SpawnedTarget }
	/** A worker thread, through its parent's connection. */
	| { readonly kind: 'worker'; readonly worker: WorkerTarget };

export interface SessionListener {
	onTarget(info: TargetInfo, how: 'first' | 'restarted' | 'reconnected'): void;
	onReading(reading: Reading): void;
	/** A reading that could not be taken: a gap in every series, never a zero. */
	onGap(t: number): void;
	onGc(events: readonly GcEvent[], dropped: number): void;
	onState(state: ConnectionState, detail?: string): void;
	/** A worker thread of the target attached (absent: worker threads are not watched). */
	onWorker?(worker: WorkerTarget): void;
}

export interface SessionOptions {
	readonly intervalMs: number;
	readonly connectTimeoutMs: number;
	/** Keep trying to reach a target that went away (the TUI); headless runs end instead. */
	readonly reconnect: boolean;
}

const MAX_BACKOFF_MS = 10_000;

export class Session {
	private connection: Connection | undefined;
	private pollTimer: NodeJS.Timeout | undefined;
	private retryTimer: NodeJS.Timeout | undefined;
	private reading = false;
	private stopped = false;
	private lastPid: number | undefined;
	private attempts = 0;
	private state: ConnectionState | undefined;
	private stateDetail: string | undefined;

	constructor(private readonly source: TargetSource, private readonly options: SessionOptions, private readonly listener: SessionListener) {}

	/** Tell the listener about a state only when it changed: readings arrive every interval, states rarely. */
	private setState(state: ConnectionState, detail?: string): void {
		if (state === this.state && detail === this.stateDetail) return;
		this.state = state;
		this.stateDetail = detail;
		this.listener.onState(state, detail);
	}

	/** First connection; its errors go to the caller (exit code 3). */
	async start(): Promise<TargetInfo> {
		this.setState('connecting');
		return this.attach('first');
	}

	private async resolveUrl(): Promise<string> {
		const source = this.source;
		if (source.kind === 'ws') return source.url;
		if (source.kind === 'spawned') return source.spawned.wsUrl;
		if (source.kind === 'worker') return source.worker.url;
		const targets = await listTargets(source.endpoint, this.options.connectTimeoutMs);
		return chooseTarget(targets, source.target, `${source.endpoint.host}:${source.endpoint.port}`).webSocketDebuggerUrl;
	}

	private async attach(how: 'first' | 'reconnected'): Promise<TargetInfo> {
		const url = await this.resolveUrl();
		// Assigned once the probe is in; a connection lost before that fails the attach itself, not `lose`.
		let connection: Connection | undefined;
		const handlers = {
			onGcBatch: (events: GcEvent[], dropped: number) => this.listener.onGc(events, dropped),
			onTargetWantsExit: () => void (connection && this.lose(connection, 'exited', 'target finished and is exiting', false)),
			onDisconnect: () => void (connection && this.lose(connection, 'disconnected', this.source.kind === 'worker' ? 'the worker thread exited' : 'connection lost')),
			// A worker's own threads are not followed: the NodeWorker domain is the main thread's.
			onWorker: this.source.kind !== 'worker' && this.listener.onWorker ? (worker: WorkerTarget) => this.listener.onWorker!(worker) : undefined,
		};
		const source = this.source;
		connection = source.kind === 'worker'
			? await Connection.over(source.worker.channel, url, this.options.intervalMs, handlers, { id: source.worker.id, title: source.worker.title, url: source.worker.url })
			: await Connection.open(url, this.options.intervalMs, handlers, this.options.connectTimeoutMs, source.kind === 'endpoint' && source.closeInspector === true);
		if (this.stopped) {
			await connection.close();
			throw new Error('session stopped');
		}
		const info = await connection.info();
		this.connection = connection;
		this.attempts = 0;
		const restarted = how !== 'first' && this.lastPid !== undefined && info.pid !== this.lastPid;
		this.lastPid = info.pid;
		this.listener.onTarget(info, how === 'first' ? 'first' : restarted ? 'restarted' : 'reconnected');
		this.setState('live');
		this.pollTimer = setInterval(() => void this.poll(), this.options.intervalMs);
		void this.poll();
		return info;
	}

	private async poll(): Promise<void> {
		const connection = this.connection;
		if (!connection) return;
		// The previous reading has not come back: the target's main thread is blocked. Record a gap, don't pile up.
		if (this.reading) {
			this.listener.onGap(Date.now());
			this.setState('busy', 'target is not answering (main thread blocked?)');
			return;
		}
		this.reading = true;
		try {
			const reading = await connection.read();
			if (connection === this.connection) {
				this.listener.onReading(reading);
				this.setState('live');
			}
		} catch {
			if (connection === this.connection) this.listener.onGap(Date.now());
		} finally {
			this.reading = false;
		}
	}

	private async lose(connection: Connection, state: ConnectionState, detail: string, cleanup = true): Promise<void> {
		if (connection !== this.connection) return;
		this.connection = undefined;
		this.reading = false;
		clearInterval(this.pollTimer);
		await connection.close(500, cleanup);
		if (this.stopped) return;
		const spawned = this.source.kind === 'spawned' ? this.source.spawned : undefined;
		if (spawned) {
			// Wait for the child's exit status so the screen can show it.
			await new Promise<void>((resolve) => (spawned.exitCode() !== undefined ? resolve() : spawned.events.once('exit', () => resolve())));
			this.setState('exited', `target exited with code ${spawned.exitCode()}`);
			return;
		}
		this.setState(state, detail);
		if (this.options.reconnect) this.scheduleRetry();
	}

	private scheduleRetry(): void {
		const delay = Math.min(MAX_BACKOFF_MS, 500 * 2 ** this.attempts++);
		this.retryTimer = setTimeout(() => {
			this.attach('reconnected').catch((error: Error) => {
				if (this.stopped) return;
				this.setState('disconnected', `retrying in ${Math.round(Math.min(MAX_BACKOFF_MS, 500 * 2 ** this.attempts) / 1000)} s: ${error.message}`);
				this.scheduleRetry();
			});
		}, delay);
	}

	/** Force a full GC in the target. */
	async collectGarbage(): Promise<void> {
		if (!this.connection) throw new Error('not connected');
		await this.connection.collectGarbage();
	}

	/**
	 * Take a heap snapshot into file, owner-only: the one way memtop captures one (the snapshot command, the s key,
	 * an alert's capture, the holders). A target that sees the file has V8 write it (faster); any other streams
	 * it over the inspector. Rejects with a CaptureError, the partial file removed.
	 */
	async writeHeapSnapshot(file: string, options: { onProgress?: (progress: CaptureProgress) => void; chosenBy?: ChosenBy; stop?: AbortSignal } = {}): Promise<SnapshotFile> {
		let how: SnapshotFile['how'] = 'streamed';
		const written = await captureToFile(file, async (sink, part) => {
			const connection = this.connected();
			if (await writtenInTarget(connection, part, options.onProgress)) how = 'written by the target';
			else await connection.takeHeapSnapshot(sink);
		}, options.onProgress, options.chosenBy, options.stop);
		return { ...written, how };
	}

	/** Start the target's sampling heap profiler (see Connection.startSampling). */
	async startSampling(intervalBytes: number, alloc: boolean): Promise<void> {
		if (!this.connection) throw new Error('not connected to a target');
		await this.connection.startSampling(intervalBytes, alloc);
	}

	/** The sampler's profile so far (it keeps running). */
	async readSamplingProfile(): Promise<SamplingProfile> {
		if (!this.connection) throw new Error('not connected to a target');
		return this.connection.readSamplingProfile();
	}

	/** Stop the sampler, start it again, and return what it held (see Connection.restartSampling). */
	async restartSampling(intervalBytes: number, alloc: boolean): Promise<SamplingProfile> {
		return this.connected().restartSampling(intervalBytes, alloc);
	}

	/** Every script the target has parsed, with its source map's URL (see Connection.scripts). */
	async scripts(): Promise<LoadedScript[]> {
		return this.connected().scripts();
	}

	/** A script's source text (see Connection.scriptSource). */
	async scriptSource(scriptId: string): Promise<string> {
		return this.connected().scriptSource(scriptId);
	}

	/** Handle creation stacks (see Connection.startHandleTrace and friends). */
	async startHandleTrace(asyncTypes: readonly string[], forMs: number): Promise<void> {
		return this.connected().startHandleTrace(asyncTypes, forMs);
	}

	async handleTraceReport(): Promise<HandleTraceReport> {
		return this.connected().handleTraceReport();
	}

	async endHandleTrace(): Promise<void> {
		return this.connected().endHandleTrace();
	}

	private connected(): Connection {
		if (!this.connection) throw new Error('not connected to a target');
		return this.connection;
	}

	/** Stop the sampler and return its profile. */
	async stopSampling(): Promise<SamplingProfile> {
		if (!this.connection) throw new Error('not connected to a target');
		return this.connection.stopSampling();
	}

	/** Detach cleanly (probe removed) and, in spawn mode, stop the child. */
	async stop(): Promise<void> {
		this.stopped = true;
		clearInterval(this.pollTimer);
		clearTimeout(this.retryTimer);
		const connection = this.connection;
		this.connection = undefined;
		const closeInspector = this.source.kind === 'endpoint' && this.source.closeInspector === true;
		if (connection) await connection.close(2000, true, closeInspector);
		if (this.source.kind === 'spawned') await this.source.spawned.stop();
	}
}
