// What a subcommand is, pprof's way: a name, how it is used, the flags it takes and what it runs. The table of
// them (command-table.ts) drives dispatch and --help; nothing else knows the list.
import type { FlagName } from './flags.js';
import type { Flags } from './config-from-flags.js';

/** One run of the command line: the flags (defaults filled in), the words after the command, and after --. */
export interface Invocation {
	readonly flags: Flags & { readonly out?: string; readonly base?: string; readonly top: string; readonly retainers?: string; readonly alloc: boolean; readonly series: string };
	readonly input: readonly string[];
	readonly command: readonly string[];
}

export interface Command {
	readonly name: string;
	/** One line for the list of commands. */
	readonly summary: string;
	/** Example command lines, each with what it does. */
	readonly usage: readonly (readonly [string, string])[];
	readonly flags: readonly FlagName[];
	/** What a shared flag means for this command, where it means something of its own (--duration for profile). */
	readonly flagHelp?: Partial<Record<FlagName, string>>;
	/** Whether it starts a command given after -- (watch, snapshot, profile). */
	readonly takesCommand: boolean;
	run(invocation: Invocation): Promise<number>;
}

/** How memtop finds its target: every command that attaches takes these. */
export const WHERE_FLAGS: readonly FlagName[] = ['inspect', 'pid', 'ws', 'demo', 'target', 'allowRemote', 'connectTimeout', 'log'];
