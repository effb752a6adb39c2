// The command table drives dispatch, refusals and help: each case below goes through the real parser.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseCommandLine } from '../../source/commands/command-line.js';
import { COMMANDS } from '../../source/commands/command-table.js';
import { commandHelp, overviewHelp } from '../../source/commands/help.js';
import { FLAGS, GLOBAL_FLAGS, flagOfWord, kebab } from '../../source/commands/flags.js';
import { UsageError } from '../../source/errors.js';
import { assertGolden } from '../helpers/golden.js';

const parse = (...args: string[]) => parseCommandLine(args, import.meta);
const refused = (args: string[], message: RegExp) => assert.throws(() => parse(...args), (error: Error) => error instanceof UsageError && message.test(error.message), args.join(' '));

test('the first word picks the command; none picks watch, and the words after it are its input', () => {
	assert.equal(parse('--inspect', '9229').command.name, 'watch');
	assert.equal(parse('watch', '--inspect', '9229').command.name, 'watch');
	const analyze = parse('analyze', 'a.heapsnapshot', '--base', 'b.heapsnapshot', '--top', '5');
	assert.equal(analyze.command.name, 'analyze');
	assert.deepEqual(analyze.invocation.input, ['a.heapsnapshot']);
	assert.equal(analyze.invocation.flags.base, 'b.heapsnapshot');
	assert.equal(analyze.invocation.flags.top, '5');
	const spawn = parse('profile', '--duration', '3', '--', 'node', 'app.js', '--port', '1');
	assert.deepEqual(spawn.invocation.command, ['node', 'app.js', '--port', '1'], 'flags after -- belong to the command');
	assert.equal(spawn.invocation.flags.duration, '3');
});

test('defaults come from the flag table', () => {
	const { flags } = parse('--demo').invocation;
	assert.equal(flags.interval, '1000');
	assert.equal(flags.sampling, true);
	assert.equal(parse('--demo', '--no-sampling').invocation.flags.sampling, false);
});

test('a flag the command does not take is refused, naming the commands that do', () => {
	refused(['snapshot', '--alloc', '--inspect', '9229'], /^--alloc does not apply to memtop snapshot; it is for memtop profile \(see memtop snapshot --help\)$/);
	refused(['analyze', 'x.heapsnapshot', '--inspect', '9229'], /--inspect does not apply to memtop analyze; it is for memtop watch, memtop snapshot, memtop profile/);
	refused(['--inspect', '9229', '--retainers', 'Foo'], /--retainers does not apply to memtop watch; it is for memtop analyze/);
	refused(['profile', '--inspect=9229', '--no-confirm-gc'], /--confirm-gc does not apply to memtop profile/);
	refused(['--inspect', '9229', '--bogus=1'], /^unknown flag --bogus \(see memtop watch --help\)$/);
	refused(['analyze', 'x', '--', 'node'], /memtop analyze starts no command/);
	refused(['bogus'], /unknown command "bogus": use watch, snapshot, profile, analyze/);
	refused(['--interval', '1', '--interval', '2'], /^--interval is given more than once/);
});

test('every command takes only flags of the table, and every flag belongs to some command', () => {
	const used = new Set(COMMANDS.flatMap((c) => c.flags));
	for (const name of Object.keys(FLAGS)) if (!(GLOBAL_FLAGS as readonly string[]).includes(name)) assert.ok(used.has(name as keyof typeof FLAGS), `${name} is taken by no command`);
	for (const name of Object.keys(FLAGS)) assert.equal(flagOfWord(kebab(name)), name);
	assert.equal(flagOfWord('--no-sampling'), 'sampling');
	assert.equal(flagOfWord('--out-dir=/tmp'), 'outDir');
	assert.equal(flagOfWord('9229'), undefined);
});

test('--help is written from the table: the overview, and each command with only its own flags', () => {
	assert.equal(parse('--help').help, 'overview');
	assert.equal(parse('analyze', '--help').help, 'command');
	assertGolden('help-overview.txt', overviewHelp(COMMANDS));
	for (const command of COMMANDS) {
		const help = commandHelp(command);
		assertGolden(`help-${command.name}.txt`, help);
		for (const name of Object.keys(FLAGS)) {
			const listed = new RegExp(`^  ${kebab(name).replace(/^--/, '--(no-)?')}(?= )`, 'm').test(help);
			assert.equal(listed, command.flags.includes(name as keyof typeof FLAGS), `${command.name} --help and ${kebab(name)}`);
		}
	}
});

test('habits: -h is --help, --inspect alone is 127.0.0.1:9229 as for node, --no-color goes with any command', () => {
	assert.equal(parse('-h').help, 'overview');
	assert.equal(parse('snapshot', '-h').help, 'command');
	assert.deepEqual(parse('--inspect').invocation.flags.inspect, ['127.0.0.1:9229']);
	assert.deepEqual(parse('snapshot', '--inspect', '--out', 'x.heapsnapshot').invocation.flags.inspect, ['127.0.0.1:9229']);
	assert.deepEqual(parse('--inspect', '9230').invocation.flags.inspect, ['9230'], 'a value is still a value');
	assert.equal(parse('analyze', 'x.heapsnapshot', '--no-color').invocation.flags.color, false);
	assert.equal(parse('--demo').invocation.flags.color, true);
	refused(['--demo', '-x'], /^unknown flag -x \(the one-letter flag is -h; see memtop watch --help\)$/);
	assert.match(overviewHelp(COMMANDS), /--help, -h +this help/);
	assert.match(overviewHelp(COMMANDS), /--version +memtop's version/);
	assert.match(overviewHelp(COMMANDS), /--no-color +no colour \(as NO_COLOR=1 does/);
});
