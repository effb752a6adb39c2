// Wires a session to a history: what the screen reads. Keeps the connection state, the target and markers.
import { Session, type TargetSource } from '../target/session.js';
import { History, type Tick } from '../model/history.js';
import type { ConnectionState, GcEvent, TargetInfo } from '../types.js';
import type { WorkerTarget } from '../target/worker-channel.js';
import { Signal, Store } from './store.js';

/**
 * What the screen shows of a target besides its history, replaced whenever something it shows moved: a reading,
 * a gap, a state, a marker. GC batches alone do not replace it (they land in the history and show with the
 * next reading), so redraws stay at one per interval.
 */
export interface MonitorState {
	readonly info?: TargetInfo;
	readonly state: ConnectionState;
	readonly stateDetail?: string;
	/** The newest tick and marker count: they tell a reader the history moved. */
	readonly latest?: Tick;
	readonly markers: number;
}

export class Monitor {
	readonly history = new History();
	private readonly store = new Store<MonitorState>({ state: 'connecting', markers: 0 });
	readonly subscribe = this.store.subscribe;
	readonly getSnapshot = this.store.getSnapshot;
	/** Every reading, once it is in the history (the watchdog judges it). */
	readonly ticks = new Signal<Tick>();
	/** Every missed reading, once it is in the history, as a tick without a reading. */
	readonly gaps = new Signal<Tick>();
	/** Each attach (the first, and after a reconnect), once info is known. */
	readonly attaches = new Signal<TargetInfo>();
	/** The target's worker threads as they attach (the fleet adds them as targets of their own). */
	readonly workers = new Signal<WorkerTarget>();
	/** GC events as they arrive. */
	readonly gcBatches = new Signal<readonly GcEvent[]>();
	private readonly connection: Session;
	/** Whether a lost connection is retried (else 'disconnected' is final). */
	readonly reconnects: boolean;

	/** reconnect: keep trying a target that went away (default: unless memtop spawned it). */
	constructor(source: TargetSource, intervalMs: number, connectTimeoutMs: number, reconnect = source.kind !== 'spawned') {
		this.reconnects = reconnect;
		this.connection = new Session(source, { intervalMs, connectTimeoutMs, reconnect }, {
			onTarget: (info, how) => {
				this.history.resetBaseline();
				if (how === 'restarted') this.history.addMarker({ t: Date.now(), label: 'R', text: `target restarted (pid ${info.pid})` });
				if (how === 'reconnected') this.history.addMarker({ t: Date.now(), label: 'C', text: 'reconnected' });
				this.changed({ info });
				this.attaches.emit(info);
			},
			onReading: (reading) => {
				const tick = this.history.addReading(reading);
				this.ticks.emit(tick);
				this.changed();
			},
			onGap: (t) => {
				this.gaps.emit(this.history.addGap(t));
				this.changed();
			},
			onGc: (events, dropped) => {
				this.history.addGcEvents(events, dropped);
				this.gcBatches.emit(events);
			},
			onWorker: (worker) => this.workers.emit(worker),
			onState: (state, stateDetail) => this.changed({ state, stateDetail }),
		});
	}

	get info(): TargetInfo | undefined {
		return this.store.getSnapshot().info;
	}

	get state(): ConnectionState {
		return this.store.getSnapshot().state;
	}

	get stateDetail(): string | undefined {
		return this.store.getSnapshot().stateDetail;
	}

	private changed(change: Partial<MonitorState> = {}): void {
		this.store.set({ ...this.store.getSnapshot(), latest: this.history.ticks.at(-1), markers: this.history.markers.length, ...change });
	}

	start(): Promise<TargetInfo> {
		return this.connection.start();
	}

	/** A labelled marker on every chart at this moment. */
	mark(label: string, text: string): void {
		this.history.addMarker({ t: Date.now(), label, text });
		this.changed();
	}

	/** The session, for features that talk to the target on their own schedule (snapshots, the allocation top). */
	get session(): Session {
		return this.connection;
	}

	/** Force a full GC and mark it on the charts. */
	async forceGc(): Promise<void> {
		const t = Date.now();
		await this.connection.collectGarbage();
		this.history.addMarker({ t, label: 'G', text: 'forced GC' }); // at the moment it was asked for
		this.changed();
	}

	stop(): Promise<void> {
		return this.connection.stop();
	}
}
