// A recording read from its file in fixed-size chunks, a line at a time: memory holds the histories, never the
// file (a day of readings is hundreds of megabytes of JSON).
import fs from 'node:fs';
import { RecordingReader, type Recording } from '../model/recording.js';
import { RecordingError } from '../errors.js';

const CHUNK = 4 * 1024 * 1024;

/** Read file strictly (see RecordingReader); errors name the file. */
export function readRecordingFile(file: string): Recording {
	let fd: number;
	try {
		fd = fs.openSync(file, 'r');
	} catch (error) {
		throw new RecordingError(`${file}: ${(error as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (error as Error).message}`);
	}
	const reader = new RecordingReader(true);
	try {
		const buffer = Buffer.allocUnsafe(CHUNK);
		let tail = Buffer.alloc(0); // a line begun in the previous chunk
		for (;;) {
			const read = fs.readSync(fd, buffer, 0, CHUNK, null);
			if (read === 0) break;
			const bytes = tail.length ? Buffer.concat([tail, buffer.subarray(0, read)]) : buffer.subarray(0, read);
			let from = 0;
			for (let newline = bytes.indexOf(10, from); newline >= 0; newline = bytes.indexOf(10, from)) {
				reader.line(bytes.toString('utf8', from, newline));
				from = newline + 1;
			}
			tail = Buffer.from(bytes.subarray(from)); // a copy: the buffer is read into again
		}
		if (tail.length > 0) reader.line(tail.toString('utf8'), true);
		const recording = reader.finish();
		if (recording.targets.length === 0) throw new RecordingError('it holds no samples: not a memtop recording (memtop --json or --record writes one)');
		return recording;
	} catch (error) {
		if (error instanceof RecordingError) throw new RecordingError(`${file}: ${error.message}`);
		throw error;
	} finally {
		fs.closeSync(fd);
	}
}
