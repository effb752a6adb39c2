// Where the edges of a big snapshot are split between two threads: the second thread reads from the key to
// the split, this one reads the nodes and then from the split to the "]". V8 writes one edge per line
// ("\n,type,name,to"), so a split just after a newline falls between two rows; the bytes on both sides are
// checked to look like that, and the threads check again when they meet (parallel-edges.ts).
import fs from 'node:fs';
import type { Meta } from '../model/heap-snapshot/snapshot-meta.js';

const WINDOW = 64 * 1024;
/** A byte of nodes takes less to read than a byte of edges (measured 0.7-1.0 times as long, 593 MiB snapshot). */
const NODE_BYTE_COST = 0.75;

/**
 * The byte after the newline where the edges are split, so that both threads take about as long: the edges'
 * length is estimated from their first rows. -1 when the file is not laid out one edge per line, or the nodes
 * alone take as long as the edges.
 */
export function edgeSplit(fd: number, meta: Meta, start: number, nodesBytes: number): number {
	const first = rowsIn(read(fd, start), meta.edgeFields, true);
	if (!first || first.rows < 16) return -1;
	const estimate = meta.edgeCount * (first.bytes / first.rows);
	const target = start + Math.floor((NODE_BYTE_COST * nodesBytes + estimate) / 2);
	if (target >= start + 0.9 * estimate) return -1;
	const window = read(fd, target);
	const newline = window.indexOf(10);
	if (newline < 0 || window[newline + 1] !== 44) return -1; // "\n," : a row starts
	return rowsIn(window.subarray(newline + 1), meta.edgeFields, false) ? target + newline + 1 : -1;
}

function read(fd: number, at: number): Buffer {
	const buffer = Buffer.alloc(WINDOW);
	return buffer.subarray(0, fs.readSync(fd, buffer, 0, WINDOW, at));
}

/**
 * The whole lines of `bytes` (the last, cut short, left out), if every one is a row: `fields` numbers split by
 * commas, a comma before them except on the section's first line.
 */
function rowsIn(bytes: Buffer, fields: number, sectionStart: boolean): { rows: number; bytes: number } | undefined {
	const end = bytes.lastIndexOf(10);
	if (end < 0) return undefined;
	const lines = bytes.toString('latin1', 0, end).split('\n');
	for (let i = 0; i < lines.length; i++) {
		const line = sectionStart && i === 0 ? lines[i] : lines[i].slice(1);
		if ((i > 0 || !sectionStart) && lines[i][0] !== ',') return undefined;
		const numbers = line.split(',');
		if (numbers.length !== fields || numbers.some((n) => !/^\d+$/.test(n))) return undefined;
	}
	return { rows: lines.length, bytes: end + 1 };
}
