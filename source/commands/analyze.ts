// `memtop analyze FILE [--base OLDER] [--top N] [--retainers NAME] [--json]`: the offline analysis.
import { analyzeFile, type AnalyzeResult } from '../analysis/analyze.js';
import { readCensus } from '../analysis/report.js';
import { census, diffCensus } from '../model/heap-snapshot/diff.js';
import { retainersOf } from '../model/heap-snapshot/retainers.js';
import { progressLine } from './progress-line.js';
import { fileKind, profileTop, type FileKind } from '../analysis/profile-file.js';
import { diffTop } from '../model/profile/top.js';
import { topJson, topText } from '../render/profile-text.js';
import { analysisJson, analysisText } from '../render/analyze-text.js';
import { EXIT, SnapshotFormatError, UsageError } from '../errors.js';
import type { Command } from './command.js';

export interface AnalyzeOptions {
	readonly file: string;
	readonly base?: string;
	readonly top: number;
	readonly retainers?: string;
	readonly json: boolean;
}

/** Run the analysis and print it; throws SnapshotFormatError (exit 2) for files that are not snapshots. */
export function runAnalyze(options: AnalyzeOptions, write: (text: string) => void): void {
	const kind = fileKind(options.file);
	if (kind !== 'snapshot') return analyzeProfile(options, kind, write);
	if (options.base && fileKind(options.base) !== 'snapshot') throw new SnapshotFormatError(`--base ${options.base} is a profile, but ${options.file} is a heap snapshot: compare files of one kind`);
	const progress = progressLine();
	try {
		const baseCensus = options.base ? readCensus(options.base, (done, total) => progress.update('reading the base', done / total)) : undefined;
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

/** pprof top (and -base) of a .heapprofile or .pb.gz. */
function analyzeProfile(options: AnalyzeOptions, kind: Exclude<FileKind, 'snapshot'>, write: (text: string) => void): void {
	let top = profileTop(options.file, kind);
	if (options.base) {
		const baseKind = fileKind(options.base);
		if (baseKind === 'snapshot') throw new SnapshotFormatError(`--base ${options.base} is not a profile, but ${options.file} is: compare files of one kind`);
		const base = profileTop(options.base, baseKind);
		if (base.sampleType !== top.sampleType) throw new SnapshotFormatError(`--base measures ${base.sampleType}, ${options.file} ${top.sampleType}: compare profiles of one mode`);
		top = diffTop(base, top);
	}
	if (!options.base && top.total === 0) throw new SnapshotFormatError(`${options.file}: the profile is empty (no allocation was sampled; profile longer, or lower --sample-interval)`);
	write(options.json ? topJson(top, options.top, options.file, options.base) : topText(top, options.top, options.file, options.base));
}

export const analyzeCommand: Command = {
	name: 'analyze',
	summary: 'read a .heapsnapshot (summary, diff, retainers) or a .heapprofile / .pb.gz (pprof top, -base diff)',
	usage: [
		['memtop analyze FILE [--base OLDER] [--retainers NAME]', '.heapsnapshot: summary by constructor, diff, retainer paths'],
		['memtop analyze PROFILE [--base OLDER]', '.heapprofile / .pb.gz: pprof top by function, --base diff'],
	],
	flags: ['base', 'top', 'retainers', 'json'],
	flagHelp: { json: 'the analysis as one JSON object' },
	takesCommand: false,
	run: async ({ flags, input }) => {
		if (input.length !== 1) throw new UsageError(`analyze takes one snapshot file (got ${input.length}); compare two with --base OLDER`);
		const top = Number(flags.top);
		if (!Number.isInteger(top) || top < 1) throw new UsageError(`--top expects a positive whole number; got "${flags.top}"`);
		runAnalyze({ file: input[0], base: flags.base, top, retainers: flags.retainers, json: flags.json }, (text) => process.stdout.write(text));
		return EXIT.ok;
	},
};
