// Before a snapshot is analysed: the memory it will take, from the header's counts, against what the machine
// (or its container) has. Too little, and memtop says so instead of dying with an out-of-memory crash halfway.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Meta } from '../model/heap-snapshot/snapshot-meta.js';
import { formatBytes } from '../model/format.js';
import { MemtopError } from '../errors.js';

// Measured peaks of the whole analysis (bench/snapshot.ts): 647 MiB for 8.6 M nodes and 22 M edges (22 bytes a
// node or edge), 2252 MiB for 33.8 M and 85.8 M (20 bytes); 24 bytes and memtop's own 80 MB cover both.
const BYTES_PER_NODE_OR_EDGE = 24;
const OWN_BYTES = 80 * 1024 * 1024;

/** About how much memory analysing a snapshot with these counts takes at its peak. */
export function memoryNeeded(meta: Pick<Meta, 'nodeCount' | 'edgeCount'>): number {
	return BYTES_PER_NODE_OR_EDGE * (meta.nodeCount + meta.edgeCount) + OWN_BYTES;
}

/** The memory this process may use: the machine's, or its container's limit (cgroup v2) when lower. */
export function memoryAvailable(): number {
	try {
		const limit = fs.readFileSync('/sys/fs/cgroup/memory.max', 'utf8').trim();
		if (/^\d+$/.test(limit)) return Math.min(os.totalmem(), Number(limit));
	} catch {
		// no cgroup v2 limit to read: the machine's memory is the limit
	}
	return os.totalmem();
}

/** Throw, naming the sizes and the fix, when the analysis cannot fit. */
export function checkMemory(meta: Pick<Meta, 'nodeCount' | 'edgeCount'>, file: string, available = memoryAvailable()): void {
	const needed = memoryNeeded(meta);
	if (needed <= available) return;
	const counts = `${(meta.nodeCount / 1e6).toFixed(1)} M nodes, ${(meta.edgeCount / 1e6).toFixed(1)} M edges`;
	throw new MemtopError(`analysing ${path.basename(file)} needs about ${formatBytes(needed)} of memory (${counts}); this machine has ${formatBytes(available)}. ` +
		'Analyse it on a machine (or in a container) with more memory');
}
