// What the screen shows after a snapshot: plain data small enough to post from the analysis worker.
import { analyzeFile, type Phase } from './analyze.js';
import { readSnapshot } from './read-snapshot.js';
import { propagateDomState } from '../model/heap-snapshot/dom-state.js';
import { census, diffCensus, type Census, type Diff } from '../model/heap-snapshot/diff.js';
import { classify, type ClassRow } from '../model/heap-snapshot/summary.js';
import { retainersOf, shortestParents, type Instance } from '../model/heap-snapshot/retainers.js';
import { typicalHolder, type Holder } from '../model/heap-snapshot/holders.js';

/** Growing classes whose holders are looked for. */
const HELD_CLASSES = 3;
/** Fewer objects added than this say nothing of a leak. */
const MIN_HELD_ADDED = 10;

export interface SnapshotReport {
	readonly file: string;
	readonly base?: string;
	readonly nodes: number;
	readonly edges: number;
	readonly totalSize: number;
	readonly constructors: ClassRow[];
	readonly diff?: Diff;
	/** The largest instances and their paths, for the constructors with the largest retained sizes. */
	readonly retainers: Record<string, Instance[]>;
	/** With a base: the classes that grew most by objects added, each with what holds its newest object. */
	readonly heldBy?: HeldBy[];
	readonly timings: Record<string, number>;
}

export type ReportPhase = Phase | 'base' | 'retainers';

/** A class that grew between two snapshots, and what holds its newest objects. */
export interface HeldBy {
	readonly name: string;
	readonly added: number;
	readonly addedSize: number;
	/** The path most of its newest objects share, and one of them. */
	readonly holder?: Holder;
}

/** Classes of the engine's own (strings, code, arrays of internals) say little about who holds a leak. */
const HOLDABLE = (name: string) => !name.startsWith('(') && !name.startsWith('system /') && !name.startsWith('Node /');

/** The base of a diff, reduced to its census as soon as it is read: one graph in memory at a time. */
export function readCensus(file: string, onProgress?: (done: number, total: number) => void): Census {
	const graph = readSnapshot(file, onProgress);
	propagateDomState(graph);
	return census(graph, classify(graph));
}

/** Analyse file (and diff it against base); retainers for the top `retainerClasses` constructors. */
export function buildReport(file: string, base: string | undefined, onProgress: (phase: ReportPhase, fraction: number) => void, retainerClasses = 40, instances = 5): SnapshotReport {
	const baseCensus = base ? readCensus(base, (done, total) => onProgress('base', done / total)) : undefined;
	const analysis = analyzeFile(file, onProgress);
	const { graph, doms, classes, summary } = analysis;
	onProgress('retainers', 0);
	const parents = shortestParents(graph);
	const retainers: Record<string, Instance[]> = {};
	for (const row of summary.constructors.slice(0, retainerClasses)) {
		retainers[row.name] = retainersOf(graph, doms, classes, row.name, instances, parents).instances;
	}
	const diff = baseCensus ? diffCensus(baseCensus, census(graph, classify(graph, doms.spare))) : undefined;
	const heldBy = diff && heldByOf(diff, (name) => typicalHolder(graph, doms, classes, name, parents));
	return {
		file,
		base,
		nodes: summary.nodes,
		edges: summary.edges,
		totalSize: summary.totalSize,
		constructors: summary.constructors,
		// By the classes the base has too: its census has no dominators to find memtop's probe objects with.
		diff,
		heldBy,
		retainers,
		timings: analysis.timings,
	};
}

/** The program's classes that grew, most objects added first; a handful more (memtop's own probe, V8's) is noise. */
function heldByOf(diff: Diff, holder: (name: string) => Holder | undefined): HeldBy[] {
	const grown = diff.rows.filter((row) => HOLDABLE(row.name) && (row.added ?? row.countDelta) > 0)
		.map((row) => ({ name: row.name, added: row.added ?? row.countDelta, addedSize: row.addedSize ?? row.sizeDelta }))
		.sort((a, b) => b.added - a.added);
	const most = grown[0]?.added ?? 0;
	return grown.filter((row) => row.added >= Math.max(MIN_HELD_ADDED, 0.05 * most)).slice(0, HELD_CLASSES).map((row) => ({ ...row, holder: holder(row.name) }));
}
