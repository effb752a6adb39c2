// Which strings of a snapshot are names memtop shows, and whether every name points at a string that exists.
import type { Meta } from './snapshot-meta.js';
import { SnapshotFormatError } from '../../errors.js';

/**
 * 1 for strings worth decoding: names of objects, natives, synthetic and hidden nodes (V8 14's realm is a
 * hidden `system / NativeContext`), and edge names. The values of string nodes (most of the strings, and most
 * of their bytes) are never shown. As long as the largest name any node or named edge points at: a shorter
 * "strings" array is a broken file (checkStringIndexes says where).
 */
export function wantedStrings(meta: Meta, nodeType: Uint8Array, nodeName: Uint32Array, edgeType: Uint8Array, edgeName: Uint32Array, room = Infinity): Uint8Array {
	const element = meta.edgeTypes.indexOf('element');
	const hidden = meta.edgeTypes.indexOf('hidden');
	// Marked in one pass (the largest name found on the way), the marks growing as names need.
	let marks = new Uint8Array(Math.min(room, 1 << 20));
	const mark = (name: number) => {
		if (name >= marks.length) {
			// Each string takes three bytes at least (`"",`): a name past what the rest of the file can hold is broken.
			if (name >= room) throw pastRoom(name, room);
			const more = new Uint8Array(Math.min(room, Math.max(name + 1, 2 * marks.length)));
			more.set(marks);
			marks = more;
		}
		marks[name] = 1;
	};
	let max = 0;
	const [object, native, synthetic, system] = ['object', 'native', 'synthetic', 'hidden'].map((type) => meta.nodeTypes.indexOf(type));
	for (let node = 0; node < meta.nodeCount; node++) {
		const name = nodeName[node];
		if (name > max) max = name;
		const type = nodeType[node];
		if (type === object || type === native || type === synthetic || type === system) mark(name);
	}
	for (let edge = 0; edge < meta.edgeCount; edge++) {
		const type = edgeType[edge];
		if (type === element || type === hidden) continue;
		const name = edgeName[edge];
		if (name > max) max = name;
		mark(name);
	}
	if (max >= room) throw pastRoom(max, room);
	if (max >= marks.length) {
		// As long as the largest name of any node (string values included): the strings section is checked against it.
		const more = new Uint8Array(max + 1);
		more.set(marks);
		marks = more;
	}
	return marks.subarray(0, max + 1);
}

const pastRoom = (name: number, room: number) => new SnapshotFormatError(`a node or edge names string ${name}, but the rest of the file has room for ${room} strings at most`);

/** Throw if a node or a named edge refers to a string the file does not have. */
export function checkStringIndexes(meta: Meta, count: number, nodeName: Uint32Array, edgeType: Uint8Array, edgeName: Uint32Array): void {
	for (let node = 0; node < meta.nodeCount; node++) {
		if (nodeName[node] >= count) throw new SnapshotFormatError(`node ${node} names string ${nodeName[node]}, but there are ${count} strings`);
	}
	const element = meta.edgeTypes.indexOf('element');
	const hidden = meta.edgeTypes.indexOf('hidden');
	for (let edge = 0; edge < meta.edgeCount; edge++) {
		const type = edgeType[edge];
		if (type !== element && type !== hidden && edgeName[edge] >= count) {
			throw new SnapshotFormatError(`edge ${edge} names string ${edgeName[edge]}, but there are ${count} strings`);
		}
	}
}

/** A JSON string's text with its escapes read; `broken()` makes the error for a bad escape or a raw control character. */
export function unescaped(raw: string, broken: () => Error): string {
	try {
		return JSON.parse(`"${raw}"`) as string;
	} catch {
		throw broken();
	}
}
