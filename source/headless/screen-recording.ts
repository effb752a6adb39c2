// --record FILE beside the screen: the same records a headless run writes (meta first, a summary per target and
// an end record when the user quits), so a recording made while watching reads like any other.
import fs from 'node:fs';
import type { Fleet } from '../watch/fleet.js';
import type { RunConfig } from '../watch/run-config.js';
import type { WatchedListener } from '../watch/watched.js';
import { Recorder } from './recorder.js';
import { openRecordFile } from './record-file.js';
import { endRecord, metaRecord, summaryRecord } from './records.js';

export interface ScreenRecording {
	listenerFor(key: string): WatchedListener;
	/** The fleet the records are about, once open. */
	follow(fleet: Fleet): void;
	/** The run never started (no target): nothing worth keeping, the file goes. */
	abandon(): void;
	/** Summaries and the end record, then close; a line to tell the user if the recording stopped early. */
	finish(): string | undefined;
}

export function recordBesideScreen(config: RunConfig & { readonly recordFile: string }): ScreenRecording {
	const file = openRecordFile(config.recordFile);
	let fleet: Fleet | undefined;
	const recorder = new Recorder(file, config.windowMs, (key) => fleet?.members.find((m) => m.key === key)?.watched.monitor.history);
	recorder.emitRun(metaRecord(config));
	const started = Date.now();
	return {
		listenerFor: (key) => recorder.listenerFor(key),
		follow: (opened) => void (fleet = opened),
		abandon() {
			file.close();
			fs.rmSync(config.recordFile, { force: true });
		},
		finish() {
			for (const member of fleet?.members ?? []) {
				const { watchdog, liveTop, handleStacks, holders } = member.watched;
				recorder.emit(member.key, summaryRecord(Date.now() - started, watchdog.report, liveTop?.status.suspects, watchdog.alerts.length, handleStacks.status.report, holders.status.heldBy));
			}
			recorder.emitRun(endRecord('quit'));
			return file.close();
		},
	};
}
