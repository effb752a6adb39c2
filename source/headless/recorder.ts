// The NDJSON records of a run, wherever they go: stdout for a headless run, a file for --record beside the screen.
// One target's events become its records; the run that owns the recorder decides when it starts and ends.
import type { Tick, History } from '../model/history.js';
import type { WatchedListener } from '../watch/watched.js';
import { alertRecord, gcRecord, markRecord, sampleRecord, targetRecord, topRecord } from './records.js';

export interface LineSink {
	write(line: string): void;
}

export class Recorder {
	/** Targets announced with a target record: attaching again is then a "back". */
	private readonly announced = new Set<string>();
	/** The pid each target had when it went, to tell a restart from a reconnection. */
	readonly lastPid = new Map<string, number | undefined>();
	/** The time of each target's newest chart mark recorded: each mark is written once. */
	private readonly markedUpTo = new Map<string, number>();

	/** historyOf: a target's history, for the GC figures over the window a sample carries. */
	constructor(private readonly sink: LineSink, private readonly windowMs: number, private readonly historyOf: (key: string) => History | undefined) {}

	emit(key: string, record: object): void {
		this.sink.write(JSON.stringify({ target: key, ...record }));
	}

	/** A record that is about the run, not one target (meta, end). */
	emitRun(record: object): void {
		this.sink.write(JSON.stringify(record));
	}

	hasAnnounced(key: string): boolean {
		return this.announced.has(key);
	}

	/** The chart's marks (G a forced GC, S a snapshot, R a restart, C a reconnection) made since the last reading. */
	private marks(key: string, history: History): void {
		const since = this.markedUpTo.get(key) ?? -Infinity;
		for (const mark of history.markers) {
			if (mark.t <= since) continue;
			this.emit(key, markRecord(mark));
			this.markedUpTo.set(key, mark.t);
		}
	}

	/** The records one target's events become. */
	listenerFor(key: string): WatchedListener {
		const sample = (tick: Tick) => {
			const history = this.historyOf(key);
			if (!history) return;
			this.emit(key, sampleRecord(tick, history, this.windowMs));
			this.marks(key, history);
		};
		return {
			onAttach: (info) => {
				// Attached again after the target went (attach mode waits for it on its port): say so, and whether
				// it is the same process or a new one.
				if (this.announced.has(key)) return this.emit(key, { type: 'back', t: Date.now(), pid: info.pid, restarted: info.pid !== this.lastPid.get(key) });
				this.announced.add(key);
				this.lastPid.set(key, info.pid);
				this.emit(key, targetRecord(info));
			},
			onTick: sample,
			onGap: sample,
			onGcEvents: (events) => events.forEach((event) => this.emit(key, gcRecord(event))),
			onAlert: (alert) => this.emit(key, alertRecord(alert)),
			onTop: (status) => this.emit(key, topRecord(status)),
		};
	}
}
