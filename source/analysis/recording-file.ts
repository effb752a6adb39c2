// A recording read from its file in fixed-size chunks, a line at a time: memory holds the histories, never the
// file (a day of readings is hundreds of megabytes of JSON). A big file is read by two threads, each half of
// it: parsing the JSON is nearly all the work, and the halves' columns are joined after.
import fs from 'node:fs';
import { MessageChannel, receiveMessageOnPort } from 'node:worker_threads';
import { RecordingReader, renumbered, type ReaderPart, type Recording } from '../model/recording.js';
import { RecordingError } from '../errors.js';
import { startWorker } from './start-worker.js';

const CHUNK = 4 * 1024 * 1024;
/** Below this a second thread costs more than it saves (starting it takes tens of milliseconds). */
const PARALLEL_FROM = 16 * 1024 * 1024;

/** Read file strictly (see RecordingReader); errors name the file. parallelFrom: the size from which two threads read. */
export function readRecordingFile(file: string, { parallelFrom = PARALLEL_FROM } = {}): Recording {
	let fd: number;
	try {
		fd = fs.openSync(file, 'r');
	} catch (error) {
		throw new RecordingError(`${file}: ${(error as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (error as Error).message}`);
	}
	const reader = new RecordingReader(true);
	let second: ReturnType<typeof readSecondHalf> | undefined;
	try {
		const size = fs.fstatSync(fd).size;
		const split = size >= parallelFrom ? lineStartAfter(fd, Math.floor(size / 2)) : size;
		if (split < size) second = readSecondHalf(file, split, size);
		readLines(fd, 0, split, reader, split === size);
		if (second) reader.absorb(wait(second, reader.lines));
		const recording = reader.finish();
		if (recording.targets.length === 0) throw new RecordingError('it holds no samples: not a memtop recording (memtop --json or --record writes one)');
		return recording;
	} catch (error) {
		second?.cancel();
		if (error instanceof RecordingError) throw new RecordingError(`${file}: ${error.message}`);
		throw error;
	} finally {
		fs.closeSync(fd);
	}
}

/**
 * The lines of bytes start..end into reader; `toEnd`: the range ends the file, so its last line may have no
 * newline (a killed run's, cut short). One buffer, read into again and again: a line begun at the end of a read
 * is moved to its front (a new buffer per read left a chunk of garbage outside the heap for each).
 */
export function readLines(fd: number, start: number, end: number, reader: RecordingReader, toEnd: boolean): void {
	let buffer = Buffer.allocUnsafe(CHUNK);
	let kept = 0;
	for (let position = start; position < end;) {
		if (kept === buffer.length) buffer = Buffer.concat([buffer], buffer.length * 2); // a line longer than the buffer
		const read = fs.readSync(fd, buffer, kept, Math.min(buffer.length - kept, end - position), position);
		if (read === 0) break;
		position += read;
		const bytes = buffer.subarray(0, kept + read);
		let from = 0;
		for (let newline = bytes.indexOf(10, from); newline >= 0; newline = bytes.indexOf(10, from)) {
			reader.line(bytes.toString('utf8', from, newline));
			from = newline + 1;
		}
		kept = bytes.copy(buffer, 0, from); // the start of a line the next read ends
	}
	if (kept > 0) reader.line(buffer.toString('utf8', 0, kept), toEnd);
}

/** What the second thread read; an error there counts its lines from the first half's last. */
function wait(second: ReturnType<typeof readSecondHalf>, linesBefore: number): ReaderPart {
	try {
		return second.wait();
	} catch (error) {
		throw error instanceof RecordingError ? new RecordingError(renumbered(error.message, linesBefore)) : error;
	}
}

/** The offset just after the first newline at or after `from` (the file's size when there is none). */
function lineStartAfter(fd: number, from: number): number {
	const buffer = Buffer.allocUnsafe(64 * 1024);
	for (let position = from; ; position += buffer.length) {
		const read = fs.readSync(fd, buffer, 0, buffer.length, position);
		if (read === 0) return position;
		const at = buffer.subarray(0, read).indexOf(10);
		if (at >= 0) return position + at + 1;
	}
}

/** Bytes start..end read on a second thread (recording-worker.ts); wait() blocks for what it read. */
function readSecondHalf(file: string, start: number, end: number) {
	const state = new Int32Array(new SharedArrayBuffer(4)); // 0 reading, 1 done, 2 failed
	const { port1, port2 } = new MessageChannel();
	const worker = startWorker('recording-worker', { file, start, end, state, port: port2 }, [port2]);
	return {
		wait(): ReaderPart {
			// The caller is synchronous (plot, replay before its screen): it blocks until the other half is read.
			Atomics.wait(state, 0, 0);
			const answer = receiveMessageOnPort(port1)?.message as { part?: ReaderPart; error?: string; recording?: boolean } | undefined;
			port1.close();
			if (answer?.part) return answer.part;
			const error = answer?.error ?? 'the recording reader thread stopped without an answer';
			throw answer?.recording ? new RecordingError(error) : new Error(error);
		},
		cancel() {
			port1.close();
			void worker.terminate();
		},
	};
}

