// The commands memtop has, in the order --help lists them. Dispatch and help read this table only.
import type { Command } from './command.js';
import { watchCommand } from './watch.js';
import { snapshotCommand } from './snapshot.js';
import { profileCommand } from './profile.js';
import { analyzeCommand } from './analyze.js';
import { plotCommand } from './plot.js';
import { replayCommand } from './replay.js';

export const COMMANDS: readonly Command[] = [watchCommand, snapshotCommand, profileCommand, analyzeCommand, replayCommand, plotCommand];

/** The command a word names; undefined when none does. */
export function commandNamed(name: string): Command | undefined {
	return COMMANDS.find((command) => command.name === name);
}
