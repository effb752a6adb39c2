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
		// One buffer, read into again and again: a line begun at the end of a read is moved to its front. A new
		// buffer per read (joining the rest of a line to the next chunk) left a chunk of garbage outside the heap
		// for each, freed only when the collector came round: tens of megabytes of RSS for a day's recording.
		let buffer = Buffer.allocUnsafe(CHUNK);
		let kept = 0;
		for (;;) {
			if (kept === buffer.length) buffer = Buffer.concat([buffer], buffer.length * 2); // a line longer than the buffer
			const read = fs.readSync(fd, buffer, kept, buffer.length - kept, null);
			if (read === 0) break;
			const bytes = buffer.subarray(0, kept + read);
			let from = 0;
			for (let newline = bytes.indexOf(10, from); newline >= 0; newline = bytes.indexOf(10, from)) {
				reader.line(bytes.toString('utf8', from, newline));
				from = newline + 1;
			}
			kept = bytes.copy(buffer, 0, from); // the start of a line the next read ends
		}
		if (kept > 0) reader.line(buffer.toString('utf8', 0, kept), true);
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
