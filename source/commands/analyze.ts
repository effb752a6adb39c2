// `memtop analyze FILE [--base OLDER] [--top N] [--retainers NAME] [--json]`: the offline analysis.
import { analyzeFile } from '../analysis/analyze.js';
import { readSnapshot } from '../analysis/read-snapshot.js';
import { census, diffCensus, type Census, type Diff } from '../model/heap-snapshot/diff.js';
import { classify } from '../model/heap-snapshot/summary.js';
import { propagateDomState } from '../model/heap-snapshot/dom-state.js';
import { retainersOf, type Retainers } from '../model/heap-snapshot/retainers.js';
import { progressLine } from './progress-line.js';
import { analysisJson, analysisText } from './analyze-output.js';

export interface AnalyzeOptions {
	readonly file: string;
	readonly base?: string;
	readonly top: number;
	readonly retainers?: string;
	readonly json: boolean;
}

export interface AnalyzeResult {
	readonly file: string;
	readonly base?: string;
	readonly nodes: number;
	readonly edges: number;
	readonly totalSize: number;
	readonly constructors: { name: string; count: number; selfSize: number; retainedSize: number }[];
	readonly diff?: Diff;
	readonly retainers?: Retainers;
	readonly timings: Record<string, number>;
}

/** Run the analysis and print it; throws SnapshotFormatError (exit 2) for files that are not snapshots. */
export function runAnalyze(options: AnalyzeOptions, write: (text: string) => void): void {
	const progress = progressLine();
	try {
		// The base is reduced to its census before the newer file is parsed: one graph in memory at a time.
		let baseCensus: Census | undefined;
		if (options.base) {
			const baseGraph = readSnapshot(options.base, (done, total) => progress.update('reading the base', done / total));
			propagateDomState(baseGraph);
			baseCensus = census(baseGraph, classify(baseGraph));
		}
		const analysis = analyzeFile(options.file, (phase, fraction) => progress.update(phase === 'parse' ? 'reading' : `computing ${phase}`, fraction));
		const { classes } = analysis;
		const result: AnalyzeResult = {
			file: options.file,
			base: options.base,
			nodes: analysis.summary.nodes,
			edges: analysis.summary.edges,
			totalSize: analysis.summary.totalSize,
			constructors: analysis.summary.constructors,
			diff: baseCensus ? diffCensus(baseCensus, census(analysis.graph, classes)) : undefined,
			retainers: options.retainers ? retainersOf(analysis.graph, analysis.doms, classes, options.retainers, 5) : undefined,
			timings: analysis.timings,
		};
		progress.done();
		write(options.json ? analysisJson(result, options.top) : analysisText(result, options.top));
	} finally {
		progress.done();
	}
}
