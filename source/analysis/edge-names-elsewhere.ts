// The edge worker's second job (edge-worker.ts): once the edges are read, it marks which strings the edges name
// and encodes the edge names (edge-names.ts), while this thread marks the nodes' names and reads the strings.
// Both are passes over every edge that this thread did alone after the edges (190 and 150 ms for 22 M edges).
import { receiveMessageOnPort, type MessagePort } from 'node:worker_threads';
import { EdgeNames, type EdgeNameParts } from '../model/heap-snapshot/edge-names.js';
import type { EdgeNameWork } from '../model/heap-snapshot/parsed-elsewhere.js';
import type { NameMarks } from '../model/heap-snapshot/string-indexes.js';

/** state[0], as the worker sets it; state[1], as this thread does. */
export const WORKING = 0, EDGES_READ = 1, FAILED = 2, MARKED = 3, ENCODED = 4;
export const WAIT = 0, NAME_WORK = 1, QUIT = 2;

export interface NamesElsewhere extends EdgeNameWork {
	/** Stop the worker if it is still at work (an error on this thread): a no-op once the names are in. */
	cancel(): void;
}

/** Ask the worker, which has read its edges and waits, for the names' marks (below room) and their encoding. */
export function namesElsewhere(state: Int32Array, port: MessagePort, room: number, stop: () => void): NamesElsewhere {
	port.postMessage({ room });
	Atomics.store(state, 1, NAME_WORK);
	Atomics.notify(state, 1);
	let marks: NameMarks | undefined;
	let names: EdgeNames | undefined;
	const next = <T>(stage: number): T => {
		for (let now; (now = Atomics.load(state, 0)) !== FAILED && now < stage; ) Atomics.wait(state, 0, now);
		const answer = receiveMessageOnPort(port)?.message as (T & { error?: string }) | undefined;
		if (!answer || answer.error !== undefined) {
			stop();
			throw new Error(answer?.error ?? 'the edge worker stopped without an answer');
		}
		return answer;
	};
	return {
		marks() {
			marks ??= next<NameMarks>(MARKED);
			return marks;
		},
		encoded() {
			this.marks(); // the answers come in order
			names ??= EdgeNames.fromParts(next<{ parts: EdgeNameParts }>(ENCODED).parts);
			port.close();
			return names;
		},
		cancel() {
			if (names) return;
			Atomics.store(state, 1, QUIT);
			Atomics.notify(state, 1);
			stop();
		},
	};
}
