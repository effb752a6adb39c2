// A snapshot written by V8 inside the target, into the partial file memtop made (owner-only): when the target
// sees that file holding a random token, it is on this machine with the same files and may write it. memtop shows
// progress by the file's growth. Anything else (another machine, a container, another user, an old Node) is
// answered false, and the snapshot is streamed over the inspector as before.
import fs from 'node:fs';
import { randomBytes } from 'node:crypto';
import type { Connection } from './connection.js';
import type { CaptureProgress, PartFile } from './snapshot-file.js';

const POLL_MS = 250;

/** Have the target's V8 write its snapshot into part; false if it cannot (the part is then empty again). */
export async function writtenInTarget(connection: Connection, { part, fd }: PartFile, onProgress?: (progress: CaptureProgress) => void): Promise<boolean> {
	const token = randomBytes(16).toString('hex');
	fs.writeSync(fd, token, 0);
	// V8 first walks the heap (nothing written yet), then writes the file: its size is the progress.
	onProgress?.({ phase: 'snapshot', done: 0, total: 0 });
	const poll = setInterval(() => {
		try {
			const size = fs.fstatSync(fd).size;
			if (size > token.length) onProgress?.({ phase: 'write', done: size, total: 0 });
		} catch {
			clearInterval(poll); // the capture was stopped and its file closed: V8 finishes into nowhere
		}
	}, POLL_MS);
	try {
		if (await connection.snapshotInTarget(part, token)) return true;
		fs.ftruncateSync(fd, 0);
		return false;
	} finally {
		clearInterval(poll);
	}
}
