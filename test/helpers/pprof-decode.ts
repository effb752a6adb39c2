// A minimal profile.proto reader written for the tests, independent of the encoder memtop uses
// (pprof-format): protobuf wire format by hand, only the fields a heap profile's top needs.
import { gunzipSync } from 'node:zlib';

type Fields = Map<number, (number | Buffer)[]>;

function varint(buf: Buffer, at: { i: number }): number {
	let result = 0;
	let shift = 0;
	for (;;) {
		const byte = buf[at.i++];
		result += (byte & 0x7f) * 2 ** shift;
		if (byte < 0x80) return result;
		shift += 7;
	}
}

function message(buf: Buffer): Fields {
	const fields: Fields = new Map();
	const at = { i: 0 };
	while (at.i < buf.length) {
		const key = varint(buf, at);
		const field = Math.floor(key / 8);
		const wire = key & 7;
		let value: number | Buffer;
		if (wire === 0) value = varint(buf, at);
		else if (wire === 2) {
			const length = varint(buf, at);
			value = buf.subarray(at.i, at.i + length);
			at.i += length;
		} else throw new Error(`wire type ${wire} not expected in a heap profile`);
		fields.set(field, [...(fields.get(field) ?? []), value]);
	}
	return fields;
}

/** Packed or repeated varints of a field. */
function numbers(fields: Fields, field: number): number[] {
	return (fields.get(field) ?? []).flatMap((v) => {
		if (typeof v === 'number') return [v];
		const out: number[] = [];
		const at = { i: 0 };
		while (at.i < v.length) out.push(varint(v, at));
		return out;
	});
}
const one = (fields: Fields, field: number) => numbers(fields, field)[0] ?? 0;

export interface DecodedProfile {
	sampleTypes: string[];
	/** Per function name: the value of sample type `index` allocated by it directly (leaf frame). */
	flatByFunction(index: number): Map<string, number>;
	functions: { name: string; file: string; startLine: number }[];
}

/** Decode a gzipped profile.proto. */
export function decodePprof(gz: Buffer): DecodedProfile {
	const profile = message(gunzipSync(gz));
	const strings = (profile.get(6) ?? []).map((s) => (s as Buffer).toString('utf8'));
	const sampleTypes = (profile.get(1) ?? []).map((b) => message(b as Buffer)).map((t) => `${strings[one(t, 1)]}/${strings[one(t, 2)]}`);
	const functions = new Map((profile.get(5) ?? []).map((b) => message(b as Buffer)).map((f) => [one(f, 1), { name: strings[one(f, 2)], file: strings[one(f, 4)], startLine: one(f, 5) }]));
	const locations = new Map((profile.get(4) ?? []).map((b) => message(b as Buffer)).map((l) => [one(l, 1), message((l.get(4)![0]) as Buffer)]));
	const samples = (profile.get(2) ?? []).map((b) => message(b as Buffer)).map((s) => ({ locations: numbers(s, 1), values: numbers(s, 2) }));
	return {
		sampleTypes,
		functions: [...functions.values()],
		flatByFunction(index) {
			const flat = new Map<string, number>();
			for (const s of samples) {
				const leaf = functions.get(one(locations.get(s.locations[0])!, 1))!;
				flat.set(leaf.name, (flat.get(leaf.name) ?? 0) + s.values[index]);
			}
			return flat;
		},
	};
}
