// pprof's profile.proto for allocation profiles, through pprof-format (a maintained encoder and decoder),
// so go tool pprof, the pprof web UI, Pyroscope and Grafana can read what memtop writes. Sample types follow
// Go's heap profiles: <mode>_objects/count and <mode>_space/bytes, where mode is what was measured (inuse:
// objects still alive; alloc: everything allocated, collected or not). One location per function: V8's
// sampling profile knows where a function starts, not the line inside it that allocated.
import { gunzipSync, gzipSync } from 'node:zlib';
import { Function as PprofFunction, Line, Location, Profile, Sample, StringTable, ValueType } from 'pprof-format';
import { FrameTable, addProfile, newStackSet, stacksOf, type StackSet } from './stack-set.js';
import type { SamplingProfile } from './sampling-profile.js';
import { topOfStacks, type Top } from './top.js';

export interface PprofOptions {
	readonly mode: 'inuse' | 'alloc';
	readonly intervalBytes: number;
	readonly timeMs: number;
	readonly durationMs: number;
}

/** A sampling profile as a gzipped profile.proto. */
export function toPprof(profile: SamplingProfile, options: PprofOptions): Uint8Array {
	const table = new FrameTable();
	const set = newStackSet();
	addProfile(set, profile, table);
	return stackSetToPprof(set, table, options);
}

/** A stack set as a gzipped profile.proto: one function and one location per frame of the table. */
export function stackSetToPprof(set: StackSet, table: FrameTable, options: PprofOptions): Uint8Array {
	const strings = new StringTable();
	const used = new Map<number, number>(); // frame id -> pprof id (1-based, only frames that appear)
	const functions: PprofFunction[] = [];
	const locations: Location[] = [];
	const locationOf = (frameId: number): number => {
		let id = used.get(frameId);
		if (id === undefined) {
			id = used.size + 1;
			used.set(frameId, id);
			const frame = table.frames[frameId];
			functions.push(new PprofFunction({ id, name: strings.dedup(frame.name), systemName: strings.dedup(frame.name), filename: strings.dedup(frame.url), startLine: frame.line }));
			locations.push(new Location({ id, line: [new Line({ functionId: id, line: frame.line })] }));
		}
		return id;
	};
	const samples = stacksOf(set).map(({ frames, bytes, objects }) => new Sample({ locationId: frames.map(locationOf), value: [Math.round(objects), Math.round(bytes)] }));
	const { mode } = options;
	const encoded = new Profile({
		sampleType: [
			new ValueType({ type: strings.dedup(`${mode}_objects`), unit: strings.dedup('count') }),
			new ValueType({ type: strings.dedup(`${mode}_space`), unit: strings.dedup('bytes') }),
		],
		sample: samples,
		location: locations,
		function: functions,
		stringTable: strings,
		timeNanos: BigInt(Math.round(options.timeMs)) * 1_000_000n,
		durationNanos: BigInt(Math.round(options.durationMs)) * 1_000_000n,
		periodType: new ValueType({ type: strings.dedup('space'), unit: strings.dedup('bytes') }),
		period: options.intervalBytes,
		defaultSampleType: strings.dedup(`${mode}_space`),
	}).encode();
	return gzipSync(encoded);
}

/** Whether bytes start like gzip (a .pb.gz). */
export const isGzip = (bytes: Uint8Array): boolean => bytes.length > 2 && bytes[0] === 0x1f && bytes[1] === 0x8b;

/** A profile decompressed past this is no profile: a real heap profile is a few MB; a gzip bomb is not read on. */
export const MAX_PPROF_BYTES = 64 * 1024 * 1024;

/** pprof top of a .pb.gz over its space (bytes) sample type; throws on bytes that are not a profile. */
export function topOfPprof(bytes: Uint8Array): Top {
	let raw: Uint8Array = bytes;
	if (isGzip(bytes)) {
		try {
			raw = gunzipSync(bytes, { maxOutputLength: MAX_PPROF_BYTES });
		} catch (error) {
			if ((error as NodeJS.ErrnoException).code === 'ERR_BUFFER_TOO_LARGE' || error instanceof RangeError) {
				throw new Error(`it decompresses to more than ${MAX_PPROF_BYTES / 1024 / 1024} MiB, which no heap profile does`);
			}
			throw error;
		}
	}
	const profile = Profile.decode(raw);
	const str = (i: unknown) => profile.stringTable.strings[Number(i)] ?? '';
	const types = profile.sampleType.map((t) => `${str(t.type)}/${str(t.unit)}`);
	const index = Math.max(types.findIndex((t) => t.endsWith('/bytes')), 0);
	if (types.length === 0) throw new Error('it declares no sample types');
	const functions = new Map(profile.function.map((f) => [Number(f.id), { name: str(f.name), url: str(f.filename), line: Number(f.startLine) }]));
	const locations = new Map(profile.location.map((l) => [Number(l.id), l.line.map((line) => functions.get(Number(line.functionId))!).filter(Boolean)]));
	const stacks = profile.sample.map((s) => ({
		// A location can hold several lines (inlined frames), innermost first: they stay in that order.
		frames: s.locationId.flatMap((id) => locations.get(Number(id)) ?? []),
		value: Number(s.value[index] ?? 0),
	}));
	return topOfStacks(types[index], stacks);
}
