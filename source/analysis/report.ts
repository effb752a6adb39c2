// What the screen shows after a snapshot: plain data small enough to post from the analysis worker.
import { analyzeFile, type Phase } from './analyze.js';
import { readSnapshot } from './read-snapshot.js';
import { propagateDomState } from '../model/heap-snapshot/dom-state.js';
import { census, diffCensus, type Census, type Diff } from '../model/heap-snapshot/diff.js';
import { classify, type ClassRow } from '../model/heap-snapshot/summary.js';
import { retainersOf, shortestParents, type Instance } from '../model/heap-snapshot/retainers.js';

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
	readonly timings: Record<string, number>;
}

export type ReportPhase = Phase | 'base' | 'retainers';

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
	return {
		file,
		base,
		nodes: summary.nodes,
		edges: summary.edges,
		totalSize: summary.totalSize,
		constructors: summary.constructors,
		// By the classes the base has too: its census has no dominators to find memtop's probe objects with.
		diff: baseCensus ? diffCensus(baseCensus, census(graph, classify(graph, doms.spare))) : undefined,
		retainers,
		timings: analysis.timings,
	};
}
