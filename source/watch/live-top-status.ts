// The live allocation top's records: its status as every view reads it, what it reads from, and its settings.
import type { ViewOptions } from '../model/profile/stack-set.js';
import type { Neighbour } from '../model/profile/stack-context.js';
import type { Suspect } from '../model/profile/suspects.js';
import type { FunctionRow, Top } from '../model/profile/top.js';
import type { Session } from '../target/session.js';
import type { TargetInfo } from '../types.js';

export const DEFAULT_SAMPLE_INTERVAL = 512 * 1024;

/** How long to wait before asking for a sampler another tool holds again: 5 s, doubling, at most 5 min. */
export const busyWaitMs = (tries: number): number => Math.min(300_000, 5000 * 2 ** Math.max(0, tries - 1));

/** The source of one function with its callers and callees: pprof's list and peek. */
export interface ListView {
	readonly row: FunctionRow;
	readonly callers: readonly Neighbour[];
	readonly callees: readonly Neighbour[];
	readonly source?: readonly string[];
	readonly sourceText?: string; // why there is no source, or that it is on its way
}

/** The allocation top as the screen, headless and exporters read it. */
export interface LiveTopStatus {
	readonly view: ViewOptions;
	readonly top?: Top;
	/** By function key: in use, the change per minute over the window; allocated, the bytes (objects) per minute. */
	readonly perMinute: ReadonlyMap<string, number>;
	/** When the figures start: attaching, a mode switch or a restarted target starts them afresh. */
	readonly since?: number;
	readonly list?: ListView;
	readonly text?: string;
	/** Growing functions of the program, most first: in-use bytes with internals charged to their callers. */
	readonly suspects?: readonly Suspect[];
	/** A script whose source map could not be read (its frames stay in JavaScript), said once. */
	readonly sourceMaps?: string;
	/** How often the profile is read: each read forces a full GC in the target, so big heaps are read less often. */
	readonly readEveryMs: number;
}

/** What the top reads from: the session to the target and who the target is (a Monitor is one). */
export interface TopSource {
	readonly session: Session;
	readonly info?: TargetInfo;
}
