// What kind of memory file this is, and the pprof top of the profile kinds (.heapprofile, .pb.gz).
import fs from 'node:fs';
import { isSamplingProfile } from '../model/profile/sampling-profile.js';
import { topOfProfile } from '../model/profile/from-sampling.js';
import { isGzip, topOfPprof } from '../model/profile/pprof.js';
import type { Top } from '../model/profile/top.js';
import { SnapshotFormatError } from '../errors.js';

export type FileKind = 'snapshot' | 'heapprofile' | 'pprof';

const MAX_PROFILE_FILE = 256 * 1024 * 1024;

/** Tell the kind from the first bytes: gzip is pprof, JSON with "head" a sampling profile, anything else a snapshot (which reports its own errors). */
export function fileKind(file: string): FileKind {
	let head: Buffer;
	try {
		const fd = fs.openSync(file, 'r');
		head = Buffer.alloc(64);
		const read = fs.readSync(fd, head, 0, 64, 0);
		fs.closeSync(fd);
		head = head.subarray(0, read);
	} catch {
		return 'snapshot'; // the snapshot reader words missing files and directories
	}
	if (isGzip(head)) return 'pprof';
	return /^\s*\{\s*"head"\s*:/.test(head.toString('utf8')) ? 'heapprofile' : 'snapshot';
}

/** The pprof top of a profile file, as bytes (space). Bad files are SnapshotFormatErrors (exit 2). */
export function profileTop(file: string, kind: Exclude<FileKind, 'snapshot'>): Top {
	// A profile is read whole; one over this size is not a profile (and JSON.parse could not take it anyway).
	const size = fs.statSync(file).size;
	if (size > MAX_PROFILE_FILE) throw new SnapshotFormatError(`${file}: ${Math.round(size / 1024 / 1024)} MiB is too large for a ${kind === 'pprof' ? 'pprof profile' : '.heapprofile'} (at most ${MAX_PROFILE_FILE / 1024 / 1024} MiB)`);
	const bytes = fs.readFileSync(file);
	if (kind === 'pprof') {
		try {
			return topOfPprof(bytes);
		} catch (error) {
			throw new SnapshotFormatError(`${file}: not a readable pprof profile (${(error as Error).message})`);
		}
	}
	let json: unknown;
	try {
		json = JSON.parse(bytes.toString('utf8'));
	} catch {
		throw new SnapshotFormatError(`${file}: not valid JSON, so not a .heapprofile (truncated?)`);
	}
	if (!isSamplingProfile(json)) throw new SnapshotFormatError(`${file}: JSON, but not a sampling heap profile (no "head" call tree)`);
	// A .heapprofile does not say whether collected objects were kept; DevTools saves in-use profiles.
	try {
		return topOfProfile(json, 'inuse');
	} catch (error) {
		throw new SnapshotFormatError(`${file}: a sampling heap profile whose call tree is broken (${(error as Error).message})`);
	}
}
