// Two cores for one big snapshot: while this thread reads the header and the nodes, a worker reads the edges,
// which V8 writes right after them (more of the file than the nodes). Where "edges" starts is found without
// parsing the nodes: every number takes at least two bytes ("0,"), so the key is searched for (natively, at
// memory speed) from past the least the nodes left can take. This thread checks, when it gets there, that the
// key is where its own parse says a key must be; if not, the worker is stopped and the parse goes on alone.
// The edges are more work than the nodes, so the worker reads them only up to a split (edge-split.ts) and this
// thread reads the rest after its nodes, storing them from the arrays' end. When the two do not meet exactly
// (the rows do not add up, the worker did not stop between two rows, the rest is broken or cut short), this
// thread reads all the edges itself, as with one thread: same graph, same error.
import fs from 'node:fs';
import { MessageChannel, receiveMessageOnPort } from 'node:worker_threads';
import { startWorker } from './start-worker.js';
import { edgeSplit } from './edge-split.js';
import type { Meta } from '../model/heap-snapshot/snapshot-meta.js';
import type { EdgeArrays } from '../model/heap-snapshot/parsed-elsewhere.js';
import { EdgeColumns } from '../model/heap-snapshot/columns.js';
import { SnapshotFormatError } from '../errors.js';
import { namesElsewhere, QUIT, WORKING, type NamesElsewhere } from './edge-names-elsewhere.js';

const KEY = Buffer.from('"edges"');
const SEARCH_CHUNK = 4 * 1024 * 1024;

export interface EdgesElsewhere {
	/** Where the "edges" key starts: this thread reads up to there, then waits. */
	readonly keyAt: number;
	/**
	 * Read this thread's share, then block until the worker is done (onProgress hears the bytes read); the edges,
	 * the byte after them and the worker set to work on their names, or undefined: this thread is to read the
	 * edges itself, from the key.
	 */
	finish(onProgress?: (bytes: number) => void): { edges: EdgeArrays; end: number; names: NamesElsewhere } | undefined;
	/** The key was not where the parse says: stop the worker. */
	cancel(): void;
}

type Answer = { end?: number; stoppedAt?: number; count?: number; atRowStart?: boolean; error?: string; format?: boolean };

/** Start a worker on the edges, if their key is found at or after `searchFrom`; undefined otherwise. `nodesFrom`: where this thread is in the nodes. */
export function edgesInParallel(fd: number, file: string, meta: Meta, searchFrom: number, nodesFrom: number): EdgesElsewhere | undefined {
	const keyAt = find(fd, KEY, searchFrom);
	const start = keyAt < 0 ? -1 : arrayAfterKey(fd, keyAt + KEY.length);
	if (start < 0) return undefined;
	const split = edgeSplit(fd, meta, start, keyAt - nodesFrom);
	const edgeType = new Uint8Array(new SharedArrayBuffer(meta.edgeCount));
	const edgeName = new Uint32Array(new SharedArrayBuffer(4 * meta.edgeCount));
	const edgeTo = new Uint32Array(new SharedArrayBuffer(4 * meta.edgeCount));
	const state = new Int32Array(new SharedArrayBuffer(8)); // see edge-names-elsewhere.ts
	const progress = new Float64Array(new SharedArrayBuffer(8));
	const { port1, port2 } = new MessageChannel();
	const stopAt = split < 0 ? undefined : split;
	const worker = startWorker('edge-worker', { file, start, stopAt, meta, edgeType, edgeName, edgeTo, state, progress, port: port2 }, [port2]);
	worker.unref(); // it may wait for its second job: never for a process that has ended
	const arrays = { edgeType, edgeName, edgeTo };
	const cancel = () => {
		Atomics.store(state, 1, QUIT);
		Atomics.notify(state, 1);
		port1.close();
		void worker.terminate();
	};
	const withNames = (edges: EdgeArrays, end: number) => {
		const names = namesElsewhere(state, port1, Math.ceil((fs.fstatSync(fd).size - end) / 3), () => void worker.terminate());
		return { edges, end, names };
	};
	return {
		keyAt,
		finish(onProgress) {
			const rest = split < 0 ? undefined : readRest(fd, meta, arrays, split, (bytes) => onProgress?.(progress[0] + bytes));
			// The caller is synchronous (a worker of its own, or `memtop analyze`): it blocks, waking to report progress.
			while (Atomics.wait(state, 0, WORKING, 100) === 'timed-out') onProgress?.(progress[0] + (rest ? rest.end - split : 0));
			const answer = receiveMessageOnPort(port1)?.message as Answer | undefined;
			if (answer?.error !== undefined || answer?.count === undefined) {
				port1.close();
				const error = answer?.error ?? 'the edge worker stopped without an answer';
				throw answer?.format ? new SnapshotFormatError(error) : new Error(error);
			}
			if (answer.end !== undefined) return split < 0 ? withNames({ ...arrays, count: answer.count }, answer.end) : undefined;
			if (!rest || !answer.atRowStart || answer.count + rest.count !== meta.edgeCount) return undefined;
			// The rest was stored from the end, its first row last: turn it round.
			for (const column of [edgeType, edgeName, edgeTo]) column.subarray(answer.count).reverse();
			return withNames({ ...arrays, count: meta.edgeCount }, rest.end);
		},
		cancel,
	};
}

/**
 * The edges from `from` (the start of a row) to the "]", stored from the arrays' end: their count and the byte
 * after the "]"; undefined when they are broken or cut short (the one-thread read then says how).
 */
function readRest(fd: number, meta: Meta, arrays: Pick<EdgeArrays, 'edgeType' | 'edgeName' | 'edgeTo'>, from: number, onProgress: (bytes: number) => void): { count: number; end: number } | undefined {
	const columns = new EdgeColumns(meta, arrays, true);
	const buffer = Buffer.allocUnsafe(SEARCH_CHUNK);
	let position = from;
	try {
		while (!columns.done) {
			const read = fs.readSync(fd, buffer, 0, buffer.length, position);
			if (read === 0) return undefined;
			position += columns.scan(buffer.subarray(0, read), 0);
			onProgress(position - from);
		}
	} catch (error) {
		if (error instanceof SnapshotFormatError) return undefined;
		throw error;
	}
	return { count: columns.count, end: position };
}

/** The offset of the first `needle` at or after `from`, or -1. */
function find(fd: number, needle: Buffer, from: number): number {
	const buffer = Buffer.allocUnsafe(SEARCH_CHUNK);
	for (let position = from; ; position += SEARCH_CHUNK - needle.length + 1) {
		const read = fs.readSync(fd, buffer, 0, SEARCH_CHUNK, position);
		if (read < needle.length) return -1;
		const at = buffer.subarray(0, read).indexOf(needle);
		if (at >= 0) return position + at;
	}
}

/** The offset after the "[" that opens the key's value (`: [`, with any whitespace), or -1 if it is no array. */
function arrayAfterKey(fd: number, at: number): number {
	const bytes = Buffer.alloc(64);
	const read = fs.readSync(fd, bytes, 0, bytes.length, at);
	const text = bytes.subarray(0, read).toString('latin1');
	const match = /^\s*:\s*\[/.exec(text);
	return match ? at + match[0].length : -1;
}
