// --help, written from the command table and the flag table: memtop --help lists every command and the live
// watch's options; memtop COMMAND --help shows that command's usage and only the flags it takes.
import type { Command } from './command.js';
import { FLAGS, GLOBAL_FLAGS, kebab, type FlagName } from './flags.js';

const KEYS = `Keys: q quit, ? help, g force GC, space freeze, + / - window, s snapshot, t allocation top, p profile,
      l leak evidence, h handle creation stacks.`;

const EXIT_CODES = `Exit codes: 0 done, 1 unexpected failure, 2 bad usage, or a file that is no snapshot, profile or recording, 3 cannot connect,
            4 --fail-on matched (a leak verdict, an alert), 5 the snapshot or profile could not be taken or written`;

/** Two columns: the left padded to `width`, the right's continuation lines indented under it. */
function columns(rows: readonly (readonly [string, string])[], width: number): string[] {
	return rows.flatMap(([left, right]) => {
		const [first, ...more] = right.split('\n');
		const head = left.length > width - 2 ? [`  ${left}`, `  ${' '.repeat(width)}${first}`] : [`  ${left.padEnd(width)}${first}`];
		return [...head, ...more.map((line) => `  ${' '.repeat(width)}${line}`)];
	});
}

function flagRows(names: readonly FlagName[], own: Command['flagHelp'] = {}): [string, string][] {
	return names.map((name) => {
		const spec = FLAGS[name];
		const long = 'negated' in spec && spec.negated ? `--no-${kebab(name).slice(2)}` : kebab(name);
		const word = 'shortFlag' in spec ? `${long}, -${spec.shortFlag}` : long;
		return ['value' in spec ? `${word} ${spec.value}` : word, own[name] ?? spec.help];
	});
}

const usageRows = (commands: readonly Command[]) => commands.flatMap((command) => command.usage.map(([line, what]): [string, string] => [`$ ${line}`, what]));

/** memtop --help: the usage of every command, the commands, and the live watch's options. */
export function overviewHelp(commands: readonly Command[]): string {
	const watch = commands[0];
	return [
		'memtop: watch the memory of a live Node.js process', '',
		'Usage', ...columns(usageRows(commands), 40), '',
		'Commands', ...columns(commands.map((c): [string, string] => [c.name, c.summary]), 10), '',
		`Options (${watch.name}; memtop COMMAND --help for the others)`, ...columns(flagRows([...watch.flags, ...GLOBAL_FLAGS]), 26), '',
		KEYS, '', EXIT_CODES, '',
	].join('\n');
}

/** memtop COMMAND --help: its usage and the flags it takes. */
export function commandHelp(command: Command): string {
	return [
		`memtop ${command.name}: ${command.summary}`, '',
		'Usage', ...columns(usageRows([command]), 40), '',
		'Options', ...columns(flagRows(command.flags, command.flagHelp), 26), '',
		...(command.name === 'watch' ? [KEYS, ''] : []), EXIT_CODES, '',
	].join('\n');
}
