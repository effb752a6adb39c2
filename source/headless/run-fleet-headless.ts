// Headless: one JSON object per line on stdout, nothing drawn, for one target or several (a port range, a
// command and the children it forks): every record names its "target". Runs a service beside (/metrics). Ends on
// --duration, a signal, the exit of a command it started (or of a --pid / --ws target), or stdout's reader
// going away; a port's target that goes is waited for ("gone", then "back"), and a range is watched until then.
import { openFleet } from '../watch/open-fleet.js';
import { failsOn, isGone, type Fleet, type Member } from '../watch/fleet.js';
import type { RunConfig } from '../watch/run-config.js';
import { endRecord, metaRecord, unwatchedRecord, summaryRecord, type EndReason } from './records.js';
import { Recorder } from './recorder.js';
import { stdoutLines } from './stdout-lines.js';
import { EXIT } from '../errors.js';

/** A server started once the fleet is open (the Prometheus exporter), closed when the run ends. */
export type FleetService = (fleet: Fleet) => Promise<{ close(): Promise<void> }>;

/** serve: started once the targets are open, stopped at the end (the commands layer passes /metrics). */
export async function runFleetHeadless(config: RunConfig, serve?: FleetService): Promise<number> {
	const run = new HeadlessRun(config);
	run.recorder.emitRun(metaRecord(config));
	// A signal or the deadline may come while memtop is still connecting: the run ends then too.
	const onSignal = () => run.finish('signal');
	process.once('SIGINT', onSignal);
	process.once('SIGTERM', onSignal);
	// --duration counts from the start, connecting included: a run never outlives it.
	const timer = config.durationMs !== undefined ? setTimeout(() => run.finish('duration'), config.durationMs) : undefined;
	try {
		const opening = openFleet(config, (key) => run.recorder.listenerFor(key), run.waitsForReturn, (note) => run.emit(note.key, unwatchedRecord(note)));
		const opened = await Promise.race([opening, run.finished.then(() => undefined)]);
		if (!opened) {
			opening.then((late) => late.fleet.stop(), () => {}); // still connecting: let it go quietly
			const [reason] = await run.finished;
			run.recorder.emitRun(endRecord(reason, 'the run ended while memtop was still connecting'));
			return EXIT.ok;
		}
		return await run.watch(opened.fleet, opened.initialKey, serve);
	} finally {
		clearTimeout(timer);
		process.off('SIGINT', onSignal);
		process.off('SIGTERM', onSignal);
		run.stdout.release();
	}
}

/** One headless run: the records it writes for each target, and how it ends. */
class HeadlessRun {
	/**
	 * Attached to a port, memtop waits for the target to come back there, as the screen does; a command it
	 * started (spawn mode), a --pid or a WebSocket URL (a restarted target has another) end the run with it.
	 */
	readonly waitsForReturn: boolean;
	finish: (reason: EndReason, detail?: string) => void = () => {};
	readonly finished = new Promise<[EndReason, string | undefined]>((resolve) => {
		this.finish = (reason, detail) => resolve([reason, detail]);
	});
	readonly stdout = stdoutLines((reason, detail) => this.finish(reason, detail));
	private fleet: Fleet | undefined;
	readonly recorder: Recorder;

	constructor(private readonly config: RunConfig) {
		this.waitsForReturn = config.where.kind === 'endpoint';
		this.recorder = new Recorder(this.stdout, config.windowMs, (key) => this.fleet?.members.find((m) => m.key === key)?.watched.monitor.history);
	}

	emit(key: string, record: object): void {
		this.recorder.emit(key, record);
	}

	/** Watch the open fleet until the run ends; then settle, summarize and detach. */
	async watch(fleet: Fleet, initialKey: string | undefined, serve?: FleetService): Promise<number> {
		this.fleet = fleet;
		const initial = fleet.members.find((m) => m.key === initialKey);
		const unsubscribe = initial && this.followInitial(initial);
		const started = Date.now();
		let service: { close(): Promise<void> } | undefined;
		try {
			service = await serve?.(fleet);
			const [reason, detail] = await this.finished;
			await Promise.all(fleet.members.map(settle));
			await fleet.stop();
			for (const member of fleet.members) {
				const { watchdog, liveTop, handleStacks, holders } = member.watched;
				this.emit(member.key, summaryRecord(Date.now() - started, watchdog.report, liveTop?.status.suspects, watchdog.alerts.length, handleStacks.status.report, holders.status.heldBy));
			}
			this.recorder.emitRun(endRecord(reason, detail));
			return failsOn(this.config.failOn, fleet.members) ? EXIT.failOn : EXIT.ok;
		} finally {
			unsubscribe?.();
			await fleet.stop();
			await service?.close();
		}
	}

	/** The target named on the command line: its end ends the run, or (on a port) it is gone until back. */
	private followInitial(initial: Member): () => void {
		let away = false;
		const onState = () => {
			const { state, stateDetail } = initial.watched.monitor;
			if (isGone(initial) && !this.waitsForReturn) return this.finish('target-exit', stateDetail);
			if (state === 'live') away = false;
			else if ((state === 'disconnected' || state === 'exited') && !away && this.recorder.hasAnnounced(initial.key)) {
				away = true;
				this.recorder.lastPid.set(initial.key, initial.watched.monitor.info?.pid);
				this.emit(initial.key, { type: 'gone', t: Date.now(), reason: stateDetail ?? 'connection lost' });
			}
		};
		const unsubscribe = initial.watched.monitor.subscribe(onState);
		onState(); // it may have gone while the fleet was opening
		return unsubscribe;
	}
}

/** An alert's capture under way is finished and reported, and handle traces are read, before the summary. */
async function settle(member: Member): Promise<void> {
	member.watched.liveTop?.stop();
	await member.watched.watchdog.settled();
	await member.watched.handleStacks.finish();
}
