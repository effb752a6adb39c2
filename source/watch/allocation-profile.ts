// An allocation profile on its way to disk, for `memtop profile` and the live top's p key alike: in use (one
// read of V8's sampler) or allocated (what memtop drained from the sampler, summed in an AllocWindow). One
// place writes both files (.heapprofile for DevTools, .pb.gz for pprof) and works out its top.
import type { SamplingProfile } from '../model/profile/sampling-profile.js';
import type { AllocWindow } from '../model/profile/alloc-window.js';
import { topOfSet, type FrameTable } from '../model/profile/stack-set.js';
import { topOfProfile } from '../model/profile/from-sampling.js';
import { stackSetToProfile } from '../model/profile/to-heapprofile.js';
import { stackSetToPprof, toPprof } from '../model/profile/pprof.js';
import type { Top } from '../model/profile/top.js';
import { writeProfileFiles, type ProfileFilePaths } from '../target/profile-files.js';
import type { ChosenBy } from '../target/snapshot-file.js';

export type AllocationProfile =
	| { readonly mode: 'inuse'; readonly profile: SamplingProfile; readonly intervalBytes: number; readonly from: number; readonly to: number }
	| { readonly mode: 'alloc'; readonly window: AllocWindow; readonly table: FrameTable; readonly intervalBytes: number };

/** Write both files; `base` is a path without extension, or one ending in either extension. */
export function writeAllocationProfile(base: string, profile: AllocationProfile, chosenBy?: ChosenBy): ProfileFilePaths {
	if (profile.mode === 'inuse') {
		const { from, to } = profile;
		return writeProfileFiles(base, profile.profile, toPprof(profile.profile, { mode: 'inuse', intervalBytes: profile.intervalBytes, timeMs: from, durationMs: to - from }), chosenBy);
	}
	const { window, table } = profile;
	const { from, to } = window.span;
	return writeProfileFiles(base, stackSetToProfile(window.sum, table), stackSetToPprof(window.sum, table, { mode: 'alloc', intervalBytes: profile.intervalBytes, timeMs: from, durationMs: to - from }), chosenBy);
}

/** The top by function, in bytes, as `memtop profile` prints it. */
export function topOfAllocationProfile(profile: AllocationProfile): Top {
	if (profile.mode === 'inuse') return topOfProfile(profile.profile, 'inuse');
	return topOfSet(profile.window.sum, profile.table, { mode: 'alloc', unit: 'space', foldInternals: false });
}
