// Wires a session to a history: what the screen reads. Keeps the connection state, the target and markers.
import { Session, type TargetSource } from '../target/session.js';
import { History, type Tick } from '../model/history.js';
import type { ConnectionState, GcEvent, TargetInfo } from '../types.js';
import type { WorkerTarget } from '../target/worker-channel.js';

export class Monitor {
	readonly history = new History();
	info: TargetInfo | undefined;
	state: ConnectionState = 'connecting';
	stateDetail: string | undefined;
	/**
	 * Bumped when something the screen shows moved: a reading, a gap, a state, a marker. GC batches alone do
	 * not bump it (they land in history and show with the next reading), so redraws stay at one per interval.
	 */
	version = 0;
	/** Hears of every reading once it is in the history (the watchdog judges it). */
	onTick: ((tick: Tick) => void) | undefined;
	/** Hears of each attach (the first, and after a reconnect), once info is known. */
	onAttach: ((info: TargetInfo) => void) | undefined;
	/** Hears of every missed reading once it is in the history, as a tick without a reading. */
	onGap: ((tick: Tick) => void) | undefined;
	/** Hears of the target's worker threads as they attach (the fleet adds them as targets of their own). */
	onWorker: ((worker: WorkerTarget) => void) | undefined;
	/** Hears of GC events as they arrive. */
	onGcEvents: ((events: readonly GcEvent[]) => void) | undefined;
	private readonly connection: Session;
	/** Whether a lost connection is retried (else 'disconnected' is final). */
	readonly reconnects: boolean;

	/** reconnect: keep trying a target that went away (default: unless memtop spawned it). */
	constructor(source: TargetSource, intervalMs: number, connectTimeoutMs: number, reconnect = source.kind !== 'spawned') {
		this.reconnects = reconnect;
		this.connection = new Session(source, { intervalMs, connectTimeoutMs, reconnect }, {
			onTarget: (info, how) => {
				this.info = info;
				this.history.resetBaseline();
				if (how === 'restarted') this.history.addMarker({ t: Date.now(), label: 'R', text: `target restarted (pid ${info.pid})` });
				if (how === 'reconnected') this.history.addMarker({ t: Date.now(), label: 'C', text: 'reconnected' });
				this.version++;
				this.onAttach?.(info);
			},
			onReading: (reading) => {
				const tick = this.history.addReading(reading);
				this.onTick?.(tick);
				this.version++;
			},
			onGap: (t) => {
				this.onGap?.(this.history.addGap(t));
				this.version++;
			},
			onGc: (events, dropped) => {
				this.history.addGcEvents(events, dropped);
				this.onGcEvents?.(events);
			},
			onWorker: (worker) => this.onWorker?.(worker),
			onState: (state, detail) => {
				this.state = state;
				this.stateDetail = detail;
				this.version++;
			},
		});
	}

	start(): Promise<TargetInfo> {
		return this.connection.start();
	}

	/** A labelled marker on every chart at this moment. */
	mark(label: string, text: string): void {
		this.history.addMarker({ t: Date.now(), label, text });
		this.version++;
	}

	/** The session, for features that talk to the target on their own schedule (snapshots, the allocation top). */
	get session(): Session {
		return this.connection;
	}

	/** Force a full GC and mark it on the charts. */
	async forceGc(): Promise<void> {
		const t = Date.now();
		await this.connection.collectGarbage();
		this.history.addMarker({ t, label: 'G', text: 'forced GC' });
		this.version++;
	}

	stop(): Promise<void> {
		return this.connection.stop();
	}
}
