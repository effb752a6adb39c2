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
	let max = 0;
	for (let node = 0; node < meta.nodeCount; node++) if (nodeName[node] > max) max = nodeName[node];
	for (let edge = 0; edge < meta.edgeCount; edge++) {
		const type = edgeType[edge];
		if (type !== element && type !== hidden && edgeName[edge] > max) max = edgeName[edge];
	}
	// Each string takes three bytes at least (`"",`): a name past what the rest of the file can hold is broken.
	if (max >= room) throw new SnapshotFormatError(`a node or edge names string ${max}, but the rest of the file has room for ${room} strings at most`);
	const wanted = new Uint8Array(max + 1);
	const [object, native, synthetic, system] = ['object', 'native', 'synthetic', 'hidden'].map((type) => meta.nodeTypes.indexOf(type));
	for (let node = 0; node < meta.nodeCount; node++) {
		const type = nodeType[node];
		if (type === object || type === native || type === synthetic || type === system) wanted[nodeName[node]] = 1;
	}
	for (let edge = 0; edge < meta.edgeCount; edge++) {
		const type = edgeType[edge];
		if (type !== element && type !== hidden) wanted[edgeName[edge]] = 1;
	}
	return wanted;
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
