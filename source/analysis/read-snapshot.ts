// Read a .heapsnapshot file into a HeapGraph in fixed-size chunks: memory holds the graph, never the file.
import fs from 'node:fs';
import { SnapshotParser } from '../model/heap-snapshot/parser.js';
import type { HeapGraph } from '../model/heap-snapshot/graph.js';
import { SnapshotFormatError } from '../errors.js';
import { checkMemory } from './memory-guard.js';

const CHUNK = 4 * 1024 * 1024;

/** Parse a snapshot file; onProgress gets (bytes read, file size). File errors become SnapshotFormatError with the fix. */
export function readSnapshot(file: string, onProgress?: (done: number, total: number) => void): HeapGraph {
	let fd: number;
	try {
		fd = fs.openSync(file, 'r');
	} catch (error) {
		throw new SnapshotFormatError(fileProblem(file, error as NodeJS.ErrnoException));
	}
	try {
		const stat = fs.fstatSync(fd);
		if (stat.isDirectory()) throw new SnapshotFormatError(`${file} is a directory; give a .heapsnapshot file`);
		if (stat.size === 0) throw new SnapshotFormatError(`${file} is empty: not a heap snapshot`);
		const parser = new SnapshotParser(stat.size, (meta) => checkMemory(meta, file));
		const buffer = Buffer.allocUnsafe(CHUNK);
		for (;;) {
			const read = fs.readSync(fd, buffer, 0, CHUNK, null);
			if (read === 0) break;
			try {
				parser.push(buffer.subarray(0, read));
			} catch (error) {
				if (error instanceof SnapshotFormatError) throw new SnapshotFormatError(`${file}: ${error.message}`);
				throw error;
			}
			onProgress?.(parser.bytes, stat.size);
		}
		try {
			return parser.finish();
		} catch (error) {
			if (error instanceof SnapshotFormatError) throw new SnapshotFormatError(`${file}: ${error.message}`);
			throw error;
		}
	} finally {
		fs.closeSync(fd);
	}
}

function fileProblem(file: string, error: NodeJS.ErrnoException): string {
	if (error.code === 'ENOENT') return `${file}: no such file`;
	if (error.code === 'EACCES') return `${file}: permission denied (snapshots are written readable by their owner only)`;
	if (error.code === 'EISDIR') return `${file} is a directory; give a .heapsnapshot file`;
	return `${file}: ${error.message}`;
}
