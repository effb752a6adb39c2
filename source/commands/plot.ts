// `memtop plot FILE.ndjson --out run.svg [--series ...] [--target KEY]`: a picture of a recorded run for a CI
// artifact or a pull request, drawn with the screen's own charts.
import fs from 'node:fs';
import path from 'node:path';
import { targetNamed, type RecordedTarget } from '../model/recording.js';
import { readRecordingFile } from '../analysis/recording-file.js';
import { detectLeaks } from '../model/leak/detect.js';
import { plotLines, PLOT_SERIES, type PlotSeries } from '../render/plot-lines.js';
import { ansiToSvg } from '../render/ansi-to-svg.js';
import { EXIT, UsageError } from '../errors.js';
import type { Command } from './command.js';

const PLOT_COLUMNS = 120;

export interface PlotOptions {
	readonly file: string;
	readonly out: string;
	readonly series: readonly PlotSeries[];
	readonly target?: string;
}

/** Draw the recording into options.out; notes (a line left out) go to `say`. */
export function runPlot(options: PlotOptions, say: (line: string) => void): string {
	const recording = readRecordingFile(options.file);
	for (const note of recording.notes) say(`${options.file}: ${note}`);
	const target = chooseTarget(recording.targets, options.target, options.file);
	if (recording.targets.length > 1 && options.target === undefined) say(`plotting ${target.key}; the recording has ${recording.targets.length} targets (--target KEY chooses)`);
	const intervalMs = recording.intervalMs ?? typicalInterval(target);
	const verdict = target.verdict ?? detectLeaks(target.history, target.end, target.end - target.start).verdict;
	const lines = plotLines({ target, name: nameOf(target) || path.basename(options.file), series: options.series, columns: PLOT_COLUMNS, intervalMs, verdict });
	fs.writeFileSync(options.out, ansiToSvg(lines.join('\n'), PLOT_COLUMNS + 14, `memtop plot of ${path.basename(options.file)}`));
	return options.out;
}

export function chooseTarget(targets: RecordedTarget[], wanted: string | undefined, file: string): RecordedTarget {
	if (wanted === undefined) return targets[0];
	const found = targetNamed(targets, wanted);
	if (!found) throw new UsageError(`--target "${wanted}" names none of ${file}'s targets: ${targets.map((t) => t.key).join(', ')}`);
	return found;
}

/** The run's script and arguments (as the screen's header names it), or the page's title. */
function nameOf(target: RecordedTarget): string {
	const argv = target.info?.argv;
	if (Array.isArray(argv) && argv.length > 1) return argv.slice(1).map(String).map((word) => (word.includes('/') ? path.basename(word) : word)).join(' ');
	return String(target.info?.title ?? target.key);
}

/** A recording from before meta records says no interval: the median step between its samples. */
export function typicalInterval(target: RecordedTarget): number {
	const steps = target.history.ticks.slice(1).map((tick, i) => tick.t - target.history.ticks[i].t).sort((a, b) => a - b);
	return steps[Math.floor(steps.length / 2)] ?? 1000;
}

export const plotCommand: Command = {
	name: 'plot',
	summary: 'draw a recording (--json, --record) as an SVG picture: memory, GC, allocation, handles, alerts, verdict',
	usage: [['memtop plot FILE.ndjson --out run.svg [--series heap,rss,gc] [--target KEY]', 'a picture of a recorded run for CI or a pull request']],
	flags: ['out', 'series', 'target'],
	flagHelp: { out: 'the SVG to write (default: FILE with .svg)', target: 'which target of a recording of several (its key or a title substring; default: the first)' },
	takesCommand: false,
	run: async ({ flags, input }) => {
		if (input.length !== 1) throw new UsageError(`plot takes one recording (got ${input.length}): memtop plot FILE.ndjson --out run.svg`);
		const series = flags.series.split(',').map((s) => s.trim()).filter(Boolean);
		const unknown = series.find((s) => !(PLOT_SERIES as readonly string[]).includes(s));
		if (unknown !== undefined || series.length === 0) throw new UsageError(`--series takes ${PLOT_SERIES.join(', ')} (comma-separated); got "${unknown ?? flags.series}"`);
		const out = flags.out ?? input[0].replace(/(\.ndjson|\.jsonl?)?$/, '.svg');
		process.stdout.write(runPlot({ file: input[0], out, series: series as PlotSeries[], target: flags.target }, (line) => process.stderr.write(`memtop: ${line}\n`)) + '\n');
		return EXIT.ok;
	},
};
