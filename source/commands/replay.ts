// `memtop replay FILE.ndjson`: a recording (--json, --record) on the screens memtop shows live, with a time
// cursor. The file is read whole before the screen opens, so a broken line is said (`line N: ...`, exit 2)
// on a plain terminal, not under a half-drawn screen.
import { readRecordingFile } from '../analysis/recording-file.js';
import type { Recording } from '../model/recording.js';
import { EXIT, UsageError } from '../errors.js';
import type { Command } from './command.js';
import { duration } from './config-from-flags.js';
import { chooseTarget, typicalInterval } from './plot.js';

export const replayCommand: Command = {
	name: 'replay',
	summary: 'a recording (--json, --record) on the live screens, with a time cursor: ←/→, [ ], Home/End, space plays',
	usage: [['memtop replay FILE.ndjson [--target KEY] [--window 5m]', 'look at a run again as memtop showed it, at any moment of it']],
	flags: ['target', 'window'],
	flagHelp: { target: 'open this target\'s dashboard first (its key or a title substring; default: the list for several)', window: 'the chart window to open with (+ and - change it; default: the one the run was watched with)' },
	takesCommand: false,
	run: async ({ flags, input }) => {
		if (input.length !== 1) throw new UsageError(`replay takes one recording (got ${input.length}): memtop replay FILE.ndjson`);
		const asked = duration('window', flags.window, 's', 10_000);
		// The file first: a broken one is said wherever replay was run.
		const recording = readRecordingFile(input[0]);
		// The window the run was watched with, unless one is asked for (meow fills in the default: argv tells).
		const windowMs = process.argv.some((word) => /^--window(=|$)/.test(word)) ? asked : recording.windowMs ?? asked;
		for (const note of recording.notes) process.stderr.write(`memtop: ${input[0]}: ${note}\n`);
		if (!process.stdout.isTTY || !process.stdin.isTTY) {
			throw new UsageError('replay draws on a terminal, and stdin or stdout is not one: run it in a terminal, or draw the run with memtop plot FILE.ndjson --out run.svg');
		}
		const first = flags.target === undefined ? undefined : chooseTarget(recording.targets, flags.target, input[0]).key;
		return replayOnScreen(recording, input[0], windowMs, first);
	},
};

async function replayOnScreen(recording: Recording, file: string, windowMs: number, initialKey: string | undefined): Promise<number> {
	// Set before React loads (it reads NODE_ENV once): its development build costs several times the CPU per render.
	process.env.NODE_ENV ??= 'production';
	delete process.env.CI; // a person is at this terminal: Ink must draw every frame, not only the last
	delete process.env.CONTINUOUS_INTEGRATION;
	const { runReplay } = await import('../tui/run-replay.js');
	await runReplay(recording, file, recording.intervalMs ?? typicalInterval(recording.targets[0]), windowMs, initialKey);
	return EXIT.ok;
}
