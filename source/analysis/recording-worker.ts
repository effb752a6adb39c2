// The second half of a big recording, read on a second thread while the first thread reads the first (see
// recording-file.ts). In: workerData { file, start, end, state, port }. Out on port: { part } (the columns'
// buffers transferred) or { error, recording }; then state[0] becomes 1 or 2 and the waiting thread is woken.
import fs from 'node:fs';
import { workerData } from 'node:worker_threads';
import type { MessagePort } from 'node:worker_threads';
import { RecordingReader } from '../model/recording.js';
import { RecordingError } from '../errors.js';
import { readLines } from './recording-file.js';

interface RecordingWork {
	file: string;
	start: number;
	end: number;
	state: Int32Array;
	port: MessagePort;
}

const work = workerData as RecordingWork;
try {
	const reader = new RecordingReader(true);
	const fd = fs.openSync(work.file, 'r');
	try {
		readLines(fd, work.start, work.end, reader, true);
	} finally {
		fs.closeSync(fd);
	}
	const transfer: ArrayBuffer[] = [];
	const part = reader.part(transfer);
	work.port.postMessage({ part }, transfer);
	Atomics.store(work.state, 0, 1);
} catch (error) {
	work.port.postMessage({ error: error instanceof RecordingError ? error.message : String((error as Error).stack ?? error), recording: error instanceof RecordingError });
	Atomics.store(work.state, 0, 2);
}
Atomics.notify(work.state, 0);
