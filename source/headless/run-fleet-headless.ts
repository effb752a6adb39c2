// Headless: one JSON object per line on stdout, nothing drawn, for one target or several (a port range, a
// command and the children it forks): every record names its "target". Runs a service beside (/metrics). Ends on
// --duration, a signal, the exit of a command it started (or of a --pid / --ws target), or stdout's reader
// going away; a port's target that goes is waited for ("gone", then "back"), and a range is watched until then.
import { openFleet } from '../watch/open-fleet.js';
import { failsOn, isGone, type Fleet, type Member } from '../watch/fleet.js';
import type { RunConfig } from '../watch/run-config.js';
import { alertRecord, endRecord, unwatchedRecord, gcRecord, sampleRecord, summaryRecord, targetRecord, topRecord, type EndReason } from './records.js';
import { stdoutLines } from './stdout-lines.js';
import { EXIT } from '../errors.js';
import type { Tick } from '../model/history.js';

/** A server started once the fleet is open (the Prometheus exporter), closed when the run ends. */
export type FleetService = (fleet: Fleet) => Promise<{ close(): Promise<void> }>;

/** serve: started once the targets are open, stopped at the end (the commands layer passes /metrics). */
export async function runFleetHeadless(config: RunConfig, serve?: FleetService): Promise<number> {
	// Attached to a port, memtop waits for the target to come back there, as the screen does; a command it
	// started (spawn mode), a --pid or a WebSocket URL (a restarted target has another) end the run with it.
	const waitsForReturn = config.where.kind === 'endpoint';
	let finish: (reason: EndReason, detail?: string) => void = () => {};
	const finished = new Promise<[EndReason, string | undefined]>((resolve) => {
		finish = (reason, detail) => resolve([reason, detail]);
	});
	const stdout = stdoutLines(finish);
	let fleet: Fleet | undefined;
	const announced = new Set<string>();
	const memberOf = (key: string) => fleet?.members.find((m) => m.key === key);
	const emit = (key: string, record: object) => stdout.write(JSON.stringify({ target: key, ...record }));
	const sample = (key: string, tick: Tick) => {
		const history = memberOf(key)?.watched.monitor.history;
		if (history) emit(key, sampleRecord(tick, history.gcEvents, config.windowMs));
	};
	const lastPid = new Map<string, number | undefined>();
	// --duration counts from the start, connecting included: a run never outlives it.
	const deadline = config.durationMs === undefined ? undefined : Date.now() + config.durationMs;
	const opening = openFleet(config, (key) => ({
		onAttach: (info) => {
			// Attached again after the target went (attach mode waits for it on its port): say so, and whether it
			// is the same process or a new one.
			if (announced.has(key)) return emit(key, { type: 'back', t: Date.now(), pid: info.pid, restarted: info.pid !== lastPid.get(key) });
			announced.add(key);
			lastPid.set(key, info.pid);
			stdout.write(JSON.stringify({ target: key, ...targetRecord(info) }));
		},
		onTick: (tick) => sample(key, tick),
		onGap: (tick) => sample(key, tick),
		onGcEvents: (events) => events.forEach((event) => emit(key, gcRecord(event))),
		onAlert: (alert) => emit(key, alertRecord(alert)),
		onTop: (status) => emit(key, topRecord(status)),
	}), waitsForReturn, (note) => emit(note.key, unwatchedRecord(note)));
	// A signal or the deadline may come while memtop is still connecting: the run ends then too.
	const onSignal = () => finish('signal');
	process.once('SIGINT', onSignal);
	process.once('SIGTERM', onSignal);
	const timer = deadline !== undefined ? setTimeout(() => finish('duration'), Math.max(0, deadline - Date.now())) : undefined;
	const opened = await Promise.race([opening, finished.then(() => undefined)]).catch((error: Error) => {
		clearTimeout(timer);
		process.off('SIGINT', onSignal);
		process.off('SIGTERM', onSignal);
		throw error;
	});
	if (!opened) {
		opening.then((late) => late.fleet.stop(), () => {}); // still connecting: let it go quietly
		const [reason] = await finished;
		stdout.write(JSON.stringify(endRecord(reason, 'the run ended while memtop was still connecting')));
		clearTimeout(timer);
		process.off('SIGINT', onSignal);
		process.off('SIGTERM', onSignal);
		stdout.release();
		return EXIT.ok;
	}
	fleet = opened.fleet;
	let service: { close(): Promise<void> } | undefined;
	// The target named on the command line ending ends the run; a range has none and is watched until stopped.
	let away = false;
	const initialGone = setInterval(() => {
		const initial = memberOf(opened.initialKey ?? '');
		if (!initial) return;
		const { state, stateDetail } = initial.watched.monitor;
		if (isGone(initial) && !waitsForReturn) return finish('target-exit', stateDetail);
		if (state === 'live') away = false;
		else if ((state === 'disconnected' || state === 'exited') && !away && announced.has(initial.key)) {
			away = true;
			lastPid.set(initial.key, initial.watched.monitor.info?.pid);
			emit(initial.key, { type: 'gone', t: Date.now(), reason: stateDetail ?? 'connection lost' });
		}
	}, 100);
	const started = Date.now();
	try {
		service = await serve?.(fleet);
		const [reason, detail] = await finished;
		await Promise.all(fleet.members.map(settle));
		await fleet.stop();
		for (const member of fleet.members) {
			const { watchdog, liveTop, handleStacks } = member.watched;
			emit(member.key, summaryRecord(Date.now() - started, watchdog.report, liveTop?.status.suspects, watchdog.alerts.length, handleStacks.status.report));
		}
		stdout.write(JSON.stringify(endRecord(reason, detail)));
		return failsOn(config.failOn, fleet.members) ? EXIT.failOn : EXIT.ok;
	} finally {
		clearTimeout(timer);
		clearInterval(initialGone);
		await fleet.stop();
		await service?.close();
		process.off('SIGINT', onSignal);
		process.off('SIGTERM', onSignal);
		stdout.release();
	}
}

/** An alert's capture under way is finished and reported, and handle traces are read, before the summary. */
async function settle(member: Member): Promise<void> {
	member.watched.liveTop?.stop();
	await member.watched.watchdog.settled();
	await member.watched.handleStacks.finish();
}
