// The "edges" array of a big snapshot, parsed on a second core while the first reads the nodes (see
// parallel-edges.ts). In: workerData { file, start, stopAt?, meta, edgeType, edgeName, edgeTo (on shared memory),
// state, progress, port }. Out on port: { end, count } (end: the byte after the closing "]"), or, stopped at
// stopAt before the "]", { stoppedAt, count, atRowStart }, or { error, format }; then state[0] becomes 1 or 2
// and the waiting thread is woken. Then, if asked, it works on the edge names (edge-names-elsewhere.ts).
import fs from 'node:fs';
import { receiveMessageOnPort, workerData } from 'node:worker_threads';
import type { MessagePort } from 'node:worker_threads';
import { EdgeColumns } from '../model/heap-snapshot/columns.js';
import type { Meta } from '../model/heap-snapshot/snapshot-meta.js';
import { SnapshotFormatError } from '../errors.js';
import { edgeNameMarks } from '../model/heap-snapshot/string-indexes.js';
import { EdgeNames } from '../model/heap-snapshot/edge-names.js';
import { EDGES_READ, ENCODED, FAILED, MARKED, NAME_WORK, WAIT } from './edge-names-elsewhere.js';

interface EdgeWork {
	file: string;
	start: number;
	/** Stop here (the other thread reads on from here), unless the "]" comes first. */
	stopAt?: number;
	meta: Meta;
	edgeType: Uint8Array;
	edgeName: Uint32Array;
	edgeTo: Uint32Array;
	state: Int32Array;
	progress: Float64Array;
	port: MessagePort;
}

const CHUNK = 4 * 1024 * 1024;
class Truncated extends Error {}
const work = workerData as EdgeWork;
let position = work.start;
try {
	const columns = new EdgeColumns(work.meta, work);
	const fd = fs.openSync(work.file, 'r');
	try {
		const buffer = Buffer.allocUnsafe(CHUNK);
		const stopAt = work.stopAt ?? Infinity;
		while (!columns.done && position < stopAt) {
			const read = fs.readSync(fd, buffer, 0, Math.min(CHUNK, stopAt - position), position);
			if (read === 0) throw new Truncated();
			const stopped = columns.scan(buffer.subarray(0, read), 0);
			position += stopped;
			work.progress[0] = position - work.start;
		}
	} finally {
		fs.closeSync(fd);
	}
	work.port.postMessage(columns.done ? { end: position, count: columns.count } : { stoppedAt: position, count: columns.count, atRowStart: columns.atRowStart });
	Atomics.store(work.state, 0, EDGES_READ);
} catch (error) {
	// The messages the one-thread parser gives for the same bytes.
	const message = error instanceof Truncated ? 'the file ends inside "edges": it is truncated (was the snapshot still being written?)'
		: error instanceof SnapshotFormatError ? `not a V8 heap snapshot: ${error.message} near byte ${position}` : String((error as Error).stack ?? error);
	work.port.postMessage({ error: message, format: error instanceof Truncated || error instanceof SnapshotFormatError });
	Atomics.store(work.state, 0, FAILED);
}
Atomics.notify(work.state, 0);
if (Atomics.load(work.state, 0) === EDGES_READ) nameWork();

/** The second job, when asked (edge-names-elsewhere.ts): the edges' name marks, then their encoding. */
function nameWork(): void {
	Atomics.wait(work.state, 1, WAIT);
	if (Atomics.load(work.state, 1) !== NAME_WORK) return;
	const { room } = receiveMessageOnPort(work.port)!.message as { room: number };
	try {
		const marks = edgeNameMarks(work.meta, work.edgeType, work.edgeName, room);
		work.port.postMessage(marks, [marks.marks.buffer as ArrayBuffer]);
		Atomics.store(work.state, 0, MARKED);
		Atomics.notify(work.state, 0);
		const { parts } = EdgeNames.encode(work.edgeName, work.meta.edgeCount);
		work.port.postMessage({ parts }, [parts.codes, parts.common, parts.otherEdge, parts.otherName].map((array) => array.buffer as ArrayBuffer));
		Atomics.store(work.state, 0, ENCODED);
	} catch (error) {
		work.port.postMessage({ error: String((error as Error).stack ?? error) });
		Atomics.store(work.state, 0, FAILED);
	}
	Atomics.notify(work.state, 0);
}
