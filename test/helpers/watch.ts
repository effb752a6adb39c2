// Run a real Session against a target and record everything it reports.
import { Session, type TargetSource } from '../../source/target/session.js';
import type { ConnectionState, GcEvent, Reading, TargetInfo } from '../../source/types.js';

export interface Recorder {
	readonly session: Session;
	readonly readings: Reading[];
	readonly gaps: number[];
	readonly gcEvents: GcEvent[];
	readonly states: { state: ConnectionState; detail?: string }[];
	readonly targets: { info: TargetInfo; how: string }[];
	/** Resolve once predicate holds (checked on every report). */
	until(predicate: () => boolean): Promise<void>;
}

export function watch(source: TargetSource, intervalMs = 200, reconnect = false): Recorder {
	const checks: { predicate: () => boolean; resolve: () => void }[] = [];
	const check = () => {
		for (const c of [...checks]) if (c.predicate()) {
			checks.splice(checks.indexOf(c), 1);
			c.resolve();
		}
	};
	const recorder: Omit<Recorder, 'session'> = {
		readings: [], gaps: [], gcEvents: [], states: [], targets: [],
		until: (predicate) => (predicate() ? Promise.resolve() : new Promise((resolve) => checks.push({ predicate, resolve }))),
	};
	const session = new Session(source, { intervalMs, connectTimeoutMs: 5000, reconnect }, {
		onTarget: (info, how) => (recorder.targets.push({ info, how }), check()),
		onReading: (r) => (recorder.readings.push(r), check()),
		onGap: (t) => (recorder.gaps.push(t), check()),
		onGc: (events) => (recorder.gcEvents.push(...events), check()),
		onState: (state, detail) => (recorder.states.push({ state, detail }), check()),
	});
	return { ...recorder, session };
}

export const endpointOf = (port: number): TargetSource => ({ kind: 'endpoint', endpoint: { host: '127.0.0.1', port } });
