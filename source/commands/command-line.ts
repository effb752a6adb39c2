// From argv to the command to run: meow parses every flag memtop knows, the first word picks the command from
// the table (none: watch), and a flag the chosen command does not take is refused with the commands that do.
import meow from 'meow';
import type { Command, Invocation } from './command.js';
import { COMMANDS, commandNamed } from './command-table.js';
import { FLAGS, GLOBAL_FLAGS, flagOfWord, kebab, type FlagName } from './flags.js';
import { UsageError } from '../errors.js';

export interface CommandLine {
	readonly command: Command;
	readonly invocation: Invocation;
	/** --help was given: show the command's help (the overview when no command was named). */
	readonly help?: 'overview' | 'command';
	readonly version: boolean;
}

/** Parse memtop's arguments (without node and the script); bad usage throws a UsageError. */
export function parseCommandLine(args: readonly string[], importMeta: ImportMeta): CommandLine {
	const dashDash = args.indexOf('--');
	const words = withDefaultInspect(dashDash >= 0 ? args.slice(0, dashDash) : [...args]);
	const command = dashDash >= 0 ? args.slice(dashDash + 1) : [];
	const cli = parseFlags(words, importMeta);
	const [first, ...rest] = cli.input;
	const named = first === undefined ? undefined : commandNamed(first);
	if (first !== undefined && !named) throw new UsageError(`unknown command "${first}": use ${COMMANDS.map((c) => c.name).join(', ')}, or no command to watch (see memtop --help)`);
	const chosen = named ?? COMMANDS[0];
	refuseForeignFlags(chosen, words);
	if (!chosen.takesCommand && command.length > 0) throw new UsageError(`memtop ${chosen.name} starts no command: drop "-- ${command.join(' ')}" (see memtop ${chosen.name} --help)`);
	const flags = cli.flags as unknown as Invocation['flags'];
	const help = cli.flags.help ? (named ? 'command' : 'overview') : undefined;
	return { command: chosen, invocation: { flags, input: rest, command }, help, version: Boolean(cli.flags.version) };
}

/** `--inspect` with no value means what it means to node: 127.0.0.1:9229. */
function withDefaultInspect(words: string[]): string[] {
	return words.map((word, i) => (word === '--inspect' && (i + 1 === words.length || words[i + 1].startsWith('-')) ? '--inspect=127.0.0.1:9229' : word));
}

function parseFlags(words: string[], importMeta: ImportMeta) {
	try {
		return meow({ importMeta, argv: words, flags: FLAGS, allowUnknownFlags: true, autoHelp: false, autoVersion: false });
	} catch (error) {
		// meow throws on a flag given twice (--interval 1000 --interval 2000): bad usage, said in one line.
		const once = /The flag --(\S+) can only be set once/.exec((error as Error).message);
		throw new UsageError(once ? `${kebab(once[1])} is given more than once; give it once (see memtop --help)` : (error as Error).message);
	}
}

/** An unknown flag is refused; one that means nothing to the chosen command would be silently ignored: refused too, naming who takes it. */
function refuseForeignFlags(command: Command, words: readonly string[]): void {
	for (const word of words) {
		if (/^-[a-zA-Z]/.test(word) && word !== '-h') throw new UsageError(`unknown flag ${word} (the one-letter flag is -h; see memtop ${command.name} --help)`);
		const name = flagOfWord(word);
		if (name === undefined || (GLOBAL_FLAGS as readonly string[]).includes(name) || command.flags.includes(name as FlagName)) continue;
		if (!(name in FLAGS)) throw new UsageError(`unknown flag ${word.replace(/=.*/, '')} (see memtop ${command.name} --help)`);
		const takers = COMMANDS.filter((c) => c.flags.includes(name as FlagName)).map((c) => `memtop ${c.name}`);
		throw new UsageError(`${kebab(name)} does not apply to memtop ${command.name}; it is for ${takers.join(', ')} (see memtop ${command.name} --help)`);
	}
}
