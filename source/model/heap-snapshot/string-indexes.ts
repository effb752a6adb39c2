// Which strings of a snapshot are names memtop shows, and whether every name points at a string that exists.
import type { Meta } from './snapshot-meta.js';
import { SnapshotFormatError } from '../../errors.js';

/** Strings marked 1 are worth decoding (below `room`); max: the largest name seen, marked or not (0 when none). */
export interface NameMarks {
	readonly marks: Uint8Array;
	readonly max: number;
}

/**
 * 1 for strings worth decoding: names of objects, natives, synthetic and hidden nodes (V8 14's realm is a
 * hidden `system / NativeContext`), and edge names. The values of string nodes (most of the strings, and most
 * of their bytes) are never shown. As long as the largest name any node or named edge points at: a shorter
 * "strings" array is a broken file (checkStringIndexes says where). Each string takes three bytes at least
 * (`"",`): a name past `room`, what the rest of the file can hold, is a broken file too.
 */
export function wantedStrings(meta: Meta, nodeType: Uint8Array, nodeName: Uint32Array, edgeType: Uint8Array, edgeName: Uint32Array, room = Infinity): Uint8Array {
	return mergedMarks(nodeNameMarks(meta, nodeType, nodeName, room), edgeNameMarks(meta, edgeType, edgeName, room), room);
}

/** The names of the nodes that are shown, marked; max counts every node's name (string values included). */
export function nodeNameMarks(meta: Meta, nodeType: Uint8Array, nodeName: Uint32Array, room: number): NameMarks {
	const marker = new Marker(room);
	const [object, native, synthetic, system] = ['object', 'native', 'synthetic', 'hidden'].map((type) => meta.nodeTypes.indexOf(type));
	let max = 0;
	for (let node = 0; node < meta.nodeCount; node++) {
		const name = nodeName[node];
		if (name > max) max = name;
		const type = nodeType[node];
		if (type === object || type === native || type === synthetic || type === system) marker.mark(name);
	}
	return { marks: marker.marks, max };
}

/** The names of the edges that have one (not elements' and hidden edges' indexes), marked. */
export function edgeNameMarks(meta: Meta, edgeType: Uint8Array, edgeName: Uint32Array, room: number): NameMarks {
	const marker = new Marker(room);
	const element = meta.edgeTypes.indexOf('element');
	const hidden = meta.edgeTypes.indexOf('hidden');
	let max = 0;
	for (let edge = 0; edge < meta.edgeCount; edge++) {
		const type = edgeType[edge];
		if (type === element || type === hidden) continue;
		const name = edgeName[edge];
		if (name > max) max = name;
		marker.mark(name);
	}
	return { marks: marker.marks, max };
}

/** Both sets of marks as one, as long as the largest name; throws when a name is past room. */
export function mergedMarks(a: NameMarks, b: NameMarks, room: number): Uint8Array {
	const max = Math.max(a.max, b.max);
	if (max >= room) throw new SnapshotFormatError(`a node or edge names string ${max}, but the rest of the file has room for ${room} strings at most`);
	const marks = new Uint8Array(max + 1);
	marks.set(a.marks.subarray(0, max + 1));
	const other = b.marks.subarray(0, max + 1);
	for (let i = 0; i < other.length; i++) marks[i] |= other[i];
	return marks;
}

/** Marks that grow as names need, never past room (names past it are left to the caller's check). */
class Marker {
	marks: Uint8Array;
	constructor(private readonly room: number) {
		this.marks = new Uint8Array(Math.min(room, 1 << 20));
	}

	mark(name: number): void {
		if (name >= this.marks.length) {
			if (name >= this.room) return;
			const more = new Uint8Array(Math.min(this.room, Math.max(name + 1, 2 * this.marks.length)));
			more.set(this.marks);
			this.marks = more;
		}
		this.marks[name] = 1;
	}
}

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
