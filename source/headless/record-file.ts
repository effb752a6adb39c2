// --record FILE: the run's NDJSON written to a file while the screen runs. Owner-only (a recording names the
// programs, their arguments and what they allocate), never over an existing file; a write that fails (a full
// disk) stops the recording, keeps what was written (every line of it is whole) and is said when memtop ends.
import fs from 'node:fs';
import path from 'node:path';
import type { LineSink } from './recorder.js';
import { CaptureError } from '../errors.js';

export interface RecordFile extends LineSink {
	/** Close the file; what went wrong while writing, if anything, in one line. */
	close(): string | undefined;
}

export function openRecordFile(file: string): RecordFile {
	let fd: number;
	try {
		fd = fs.openSync(file, 'wx', 0o600);
	} catch (error) {
		const code = (error as NodeJS.ErrnoException).code;
		if (code === 'EEXIST') throw new CaptureError(`--record: ${file} already exists; give a new file (memtop never writes over a recording)`);
		if (code === 'ENOENT') throw new CaptureError(`--record: the directory ${path.dirname(file)} does not exist`);
		throw new CaptureError(`--record: cannot write ${file}: ${(error as Error).message}`);
	}
	let failure: string | undefined;
	return {
		write(line) {
			if (failure) return;
			try {
				fs.writeSync(fd, line + '\n');
			} catch (error) {
				const full = (error as NodeJS.ErrnoException).code === 'ENOSPC';
				failure = `the recording ${file} stopped early (${full ? 'the disk is full' : (error as Error).message}); what was written before is whole`;
			}
		},
		close() {
			fs.closeSync(fd);
			return failure;
		},
	};
}
