// What another thread hands the parser (see analysis/parallel-edges.ts): the edges it read, and its work on
// their names while the parser reads on to the strings.
import type { EdgeNames } from './edge-names.js';
import type { NameMarks } from './string-indexes.js';

/** Edge columns parsed elsewhere (another thread), handed to the parser whole. */
export interface EdgeArrays {
	readonly edgeType: Uint8Array;
	readonly edgeName: Uint32Array;
	readonly edgeTo: Uint32Array;
	readonly count: number;
}

/** Work on the edge names done elsewhere (another thread) while this one reads on to the strings. */
export interface EdgeNameWork {
	/** The named edges' marks (see string-indexes.ts), against a room no smaller than this thread's. */
	marks(): NameMarks;
	encoded(): EdgeNames;
}
