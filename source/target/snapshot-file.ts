// Where a heap snapshot goes on disk: streamed chunk by chunk into "<name>.part" (owner-only: a heap holds
// secrets), renamed when complete. Any failure (disk full, unwritable directory, target gone) removes the
// partial file and says what happened and what to do.
import fs from 'node:fs';
import path from 'node:path';
import type { SnapshotSink } from './target-values.js';
import { CaptureError, InterruptedError } from '../errors.js';
import { formatBytes } from '../model/format.js';

export interface SnapshotFile {
	readonly path: string;
	readonly bytes: number;
	/** V8 wrote it inside the target (on this machine), or memtop wrote what the inspector streamed. */
	readonly how?: 'written by the target' | 'streamed';
}

/** A heap this big makes the user wait and costs the target memory: say so before freezing it. */
export const LARGE_HEAP_BYTES = 256 * 1024 * 1024;

/** The warning to show before snapshotting a heap of heapUsed bytes, if it is large. */
export function largeHeapWarning(heapUsed: number | undefined, threshold = LARGE_HEAP_BYTES): string | undefined {
	if (heapUsed === undefined || heapUsed < threshold) return undefined;
	const mb = (bytes: number) => formatBytes(Math.round(bytes / 1048576) * 1048576);
	return `the target's heap holds ${mb(heapUsed)}: a snapshot freezes it for a while and needs up to ${mb(2 * heapUsed)} more memory in the target`;
}

/** "memtop-<pid>-<yyyymmdd-hhmmss><ext>" in dir (ext: .heapsnapshot, .heapprofile ...). */
export function snapshotPath(dir: string, pid: number | undefined, now = new Date(), ext = '.heapsnapshot'): string {
	const pad = (n: number) => String(n).padStart(2, '0');
	const stamp = `${now.getFullYear()}${pad(now.getMonth() + 1)}${pad(now.getDate())}-${pad(now.getHours())}${pad(now.getMinutes())}${pad(now.getSeconds())}`;
	return path.resolve(dir, `memtop-${pid ?? 'unknown'}-${stamp}${ext}`);
}

export interface CaptureProgress {
	/** V8 walking the heap (done/total objects), then the file being written (bytes). */
	readonly phase: 'snapshot' | 'write';
	readonly done: number;
	readonly total: number;
}

/** Where take() may write: the partial file (a target on this machine has V8 write it), and its descriptor. */
export interface PartFile {
	readonly part: string;
	readonly fd: number;
}

/**
 * Run take(sink, part) and stream what it delivers into file (or let take have the file written into part).
 * Resolves with the file's size once it is whole; rejects with a CaptureError after removing the partial file.
 */
export async function captureToFile(file: string, take: (sink: SnapshotSink, part: PartFile) => Promise<void>, onProgress?: (progress: CaptureProgress) => void, chosenBy: ChosenBy = '--out-dir',
	stop?: AbortSignal): Promise<SnapshotFile> {
	const { part, fd } = openPart(file, chosenBy);
	let bytes = 0;
	let failure: Error | undefined;
	const sink: SnapshotSink = {
		chunk(text) {
			if (failure) return; // the target keeps sending; there is no way to cancel a snapshot mid-way
			try {
				const data = Buffer.from(text, 'utf8');
				let offset = 0;
				while (offset < data.length) offset += fs.writeSync(fd, data, offset);
				bytes += data.length;
				onProgress?.({ phase: 'write', done: bytes, total: 0 });
			} catch (error) {
				failure = error as Error;
			}
		},
		progress(done, total) {
			onProgress?.({ phase: 'snapshot', done, total });
		},
	};
	// A stop (a signal) ends the wait at once; the target finishes its snapshot into nowhere.
	const stopped = new Promise<never>((_, reject) => {
		if (stop?.aborted) reject(stop.reason);
		stop?.addEventListener('abort', () => reject(stop.reason), { once: true });
	});
	try {
		await Promise.race([take(sink, { part, fd }), stopped]);
		if (failure) throw failure;
		const written = Math.max(bytes, fs.fstatSync(fd).size);
		checkWhole(fd, written, file);
		fs.fsyncSync(fd);
		fs.closeSync(fd);
		fs.renameSync(part, file);
		return { path: file, bytes: written };
	} catch (error) {
		abandon(fd, part, file, error as NodeJS.ErrnoException, chosenBy);
	}
}

/** A snapshot ends with "]}": one that does not was cut short (a full disk under a writer that cannot say so, as V8's own is). */
function checkWhole(fd: number, size: number, file: string): void {
	const tail = Buffer.alloc(Math.min(16, size));
	fs.readSync(fd, tail, 0, tail.length, size - tail.length);
	if (!/\]\s*\}\s*$/.test(tail.toString('latin1'))) {
		throw Object.assign(new Error(`it was cut short after ${size} bytes`), { code: fs.statfsSync(path.dirname(file)).bavail === 0 ? 'ENOSPC' : undefined });
	}
}

/** Which flag chose where a file goes: the fix a message suggests names it. */
export type ChosenBy = '--out' | '--out-dir';

/** Create "<file>.part", owner-only (a heap or a profile can hold secrets), or throw why not. */
function openPart(file: string, chosenBy: ChosenBy): { part: string; fd: number } {
	const part = `${file}.part`;
	try {
		return { part, fd: fs.openSync(part, 'wx+', 0o600) }; // read too: a snapshot's end is checked
	} catch (error) {
		throw new CaptureError(openProblem(part, error as NodeJS.ErrnoException, chosenBy));
	}
}

/** Close and remove a partial file, then throw the CaptureError that explains why. */
function abandon(fd: number, part: string, file: string, error: NodeJS.ErrnoException, chosenBy: ChosenBy): never {
	try {
		fs.closeSync(fd);
	} catch {
		// already closed
	}
	fs.rmSync(part, { force: true });
	if (error instanceof InterruptedError) throw error;
	throw new CaptureError(writeProblem(file, error, chosenBy));
}

/** Write a small file whole, owner-only, through "<file>.part" renamed when complete; CaptureError on failure. */
export function writePrivateFile(file: string, data: string | Uint8Array, chosenBy: ChosenBy = '--out-dir'): void {
	const { part, fd } = openPart(file, chosenBy);
	try {
		fs.writeFileSync(fd, data);
		fs.closeSync(fd);
		fs.renameSync(part, file);
	} catch (error) {
		abandon(fd, part, file, error as NodeJS.ErrnoException, chosenBy);
	}
}

function openProblem(file: string, error: NodeJS.ErrnoException, chosenBy: ChosenBy): string {
	const dir = path.dirname(file);
	const elsewhere = chosenBy === '--out' ? 'give --out a path in another directory' : 'choose another with --out-dir';
	if (error.code === 'ENOENT') return `cannot write ${path.basename(file).replace(/\.part$/, "")}: the directory ${dir} does not exist (create it or ${elsewhere})`;
	if (error.code === 'EROFS') return `cannot write into ${dir}: it is on a read-only file system (${elsewhere})`;
	if (error.code === 'EACCES' || error.code === 'EPERM') return `cannot write into ${dir}: permission denied (${chosenBy === '--out' ? 'give --out a path in a writable directory' : 'choose a writable directory with --out-dir'})`;
	if (error.code === 'EEXIST') return `cannot write ${path.basename(file).replace(/\.part$/, "")}: ${file} already exists (remove it or choose another name)`;
	return `cannot write ${file}: ${error.message}`;
}

function writeProblem(file: string, error: NodeJS.ErrnoException, chosenBy: ChosenBy): string {
	const what = file.endsWith('.heapsnapshot') ? 'the snapshot' : 'the file';
	if (error.code === 'ENOSPC') return `the disk is full: ${what} ${file} was not written and the partial file was removed (free some space or give ${chosenBy} a place on another disk)`;
	if (error.code === 'EFBIG') return `the file size limit (ulimit -f) was reached: ${what} ${file} was not written and the partial file was removed`;
	if (error.code === 'EDQUOT') return `disk quota exceeded: ${what} ${file} was not written and the partial file was removed`;
	if (/WebSocket connection closed|not connected/i.test(error.message)) return `the target went away while the snapshot was being taken; the partial file was removed`;
	return `${what} ${file} was not written (${error.message}); the partial file was removed`;
}
