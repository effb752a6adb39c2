// Read a .heapsnapshot file into a HeapGraph in fixed-size chunks: memory holds the graph, never the file. A big
// file's edges are read by a second thread at the same time as its nodes (parallel-edges.ts), which then works on
// their names while this thread reads the strings (edge-names-elsewhere.ts).
import fs from 'node:fs';
import { SnapshotParser } from '../model/heap-snapshot/parser.js';
import type { HeapGraph } from '../model/heap-snapshot/graph.js';
import { SnapshotFormatError } from '../errors.js';
import { checkMemory } from './memory-guard.js';
import { edgesInParallel, type EdgesElsewhere } from './parallel-edges.js';
import type { NamesElsewhere } from './edge-names-elsewhere.js';

const CHUNK = 4 * 1024 * 1024;
/** Below this a second thread costs about what it saves (starting it takes tens of milliseconds). */
const PARALLEL_FROM = 32 * 1024 * 1024;

export interface ReadOptions {
	/** Read the edges on a second thread from this file size on, and read this much at a time (tests set both small). */
	readonly parallelFrom?: number;
	readonly chunkBytes?: number;
}

/** Parse a snapshot file; onProgress gets (bytes read, file size). File errors become SnapshotFormatError with the fix. */
export function readSnapshot(file: string, onProgress?: (done: number, total: number) => void, options: ReadOptions = {}): HeapGraph {
	let fd: number;
	try {
		fd = fs.openSync(file, 'r');
	} catch (error) {
		throw new SnapshotFormatError(fileProblem(file, error as NodeJS.ErrnoException));
	}
	let elsewhere: EdgesElsewhere | undefined;
	let names: NamesElsewhere | undefined;
	try {
		const stat = fs.fstatSync(fd);
		if (stat.isDirectory()) throw new SnapshotFormatError(`${file} is a directory; give a .heapsnapshot file`);
		if (stat.size === 0) throw new SnapshotFormatError(`${file} is empty: not a heap snapshot`);
		const parser = new SnapshotParser(stat.size, (meta) => checkMemory(meta, file));
		const buffer = Buffer.allocUnsafe(options.chunkBytes ?? CHUNK);
		let position = 0;
		let tried = stat.size < (options.parallelFrom ?? PARALLEL_FROM);
		for (;;) {
			if (elsewhere && position === elsewhere.keyAt) {
				// Here the parse must expect a key after the nodes; else the "edges" found was not the key.
				// Else this thread reads the edges itself, from the key.
				const done = parser.awaitsEdges ? inFile(file, () => elsewhere!.finish((bytes) => onProgress?.(position + bytes, stat.size))) : undefined;
				if (done) {
					names = done.names;
					parser.adoptEdges(done.edges, done.end, names);
					position = done.end;
				} else elsewhere.cancel();
				elsewhere = undefined;
			}
			const until = elsewhere?.keyAt ?? stat.size;
			const read = fs.readSync(fd, buffer, 0, Math.min(buffer.length, until - position), position);
			if (read === 0) break;
			inFile(file, () => parser.push(buffer.subarray(0, read)));
			position += read;
			onProgress?.(position, stat.size);
			if (!tried && parser.nodesLeft !== undefined) {
				tried = true;
				elsewhere = edgesInParallel(fd, file, parser.header!, position + 2 * parser.nodesLeft * parser.header!.nodeFields, position);
			}
		}
		return inFile(file, () => parser.finish());
	} finally {
		elsewhere?.cancel();
		names?.cancel();
		fs.closeSync(fd);
	}
}

/** Run fn; a format error it throws names the file. */
function inFile<T>(file: string, fn: () => T): T {
	try {
		return fn();
	} catch (error) {
		if (error instanceof SnapshotFormatError) throw new SnapshotFormatError(`${file}: ${error.message}`);
		throw error;
	}
}

function fileProblem(file: string, error: NodeJS.ErrnoException): string {
	if (error.code === 'ENOENT') return `${file}: no such file`;
	if (error.code === 'EACCES') return `${file}: permission denied (snapshots are written readable by their owner only)`;
	if (error.code === 'EISDIR') return `${file} is a directory; give a .heapsnapshot file`;
	return `${file}: ${error.message}`;
}
