// Parse, dominators, summary: the whole offline analysis of one snapshot file, with timings per phase.
import { readSnapshot } from './read-snapshot.js';
import { propagateDomState } from '../model/heap-snapshot/dom-state.js';
import { essentialEdges, type EdgeRules } from '../model/heap-snapshot/essential-edges.js';
import { dominators } from '../model/heap-snapshot/dominators.js';
import { classify, summarize, type Classes, type Summary } from '../model/heap-snapshot/summary.js';
import { probeObjects } from '../model/heap-snapshot/probe-objects.js';
import type { HeapGraph } from '../model/heap-snapshot/graph.js';
import type { Dominators } from '../model/heap-snapshot/dominators.js';
import type { Diff } from '../model/heap-snapshot/diff.js';
import type { Retainers } from '../model/heap-snapshot/retainers.js';

export type Phase = 'parse' | 'dominators' | 'summary';
export interface Analysis {
	readonly graph: HeapGraph;
	readonly doms: Dominators;
	readonly classes: Classes;
	readonly summary: Summary;
	readonly timings: Record<Phase, number>;
}

/** Analyse one snapshot file; onProgress reports the phase and a fraction done. */
export function analyzeFile(file: string, onProgress?: (phase: Phase, fraction: number) => void, rules: EdgeRules = 'devtools'): Analysis {
	let t = performance.now();
	const lap = () => {
		const now = performance.now();
		const ms = now - t;
		t = now;
		return ms;
	};
	const graph = readSnapshot(file, (done, total) => onProgress?.('parse', done / total));
	// memlab leaves the states as V8 wrote them; DevTools spreads them (see dom-state.ts).
	if (rules === 'devtools') propagateDomState(graph);
	const parse = lap();
	onProgress?.('dominators', 0);
	const doms = dominators(graph, essentialEdges(graph, rules), (fraction) => onProgress?.('dominators', fraction));
	const dominatorsMs = lap();
	onProgress?.('summary', 0);
	const classes = classify(graph, doms.spare, probeObjects(graph, doms));
	onProgress?.('summary', 0.5);
	const summary = summarize(graph, doms, classes);
	return { graph, doms, classes, summary, timings: { parse, dominators: dominatorsMs, summary: lap() } };
}

/** What `memtop analyze` reports of a snapshot: the summary, and the diff and retainers when asked. */
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
