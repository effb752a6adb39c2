#!/usr/bin/env node
// Entry point: the command line in, one command of the table run, its exit code out. Nothing else lives here.
import './commands/young-heap.js'; // first: it sizes memtop's own heap before the rest loads
import { parseCommandLine } from './commands/command-line.js';
import { COMMANDS } from './commands/command-table.js';
import { commandHelp, overviewHelp } from './commands/help.js';
import { EXIT, MemtopError } from './errors.js';
import { chooseColor } from './commands/color.js';
import { memtopVersion } from './headless/memtop-version.js';

async function main(): Promise<number> {
	const line = parseCommandLine(process.argv.slice(2), import.meta);
	chooseColor(line.invocation.flags.color);
	if (line.help) process.stdout.write(line.help === 'overview' ? overviewHelp(COMMANDS) : commandHelp(line.command));
	else if (line.version) process.stdout.write(`${memtopVersion()}\n`);
	else return line.command.run(line.invocation);
	return EXIT.ok;
}

// Once the outcome is known, memtop ends: a socket left half-open by a peer that never answered (a WebSocket
// handshake that timed out) must not keep the process alive. Exit as soon as nothing else is left to do.
// Output still on its way to a slow reader is let out first.
const endSoon = () => setTimeout(function end() {
	if (process.stdout.writableLength > 0 || process.stderr.writableLength > 0) return void setTimeout(end, 200).unref();
	process.exit();
}, 1000).unref();

main().then((code) => {
	process.exitCode = code;
	endSoon();
}, (error: Error) => {
	endSoon();
	// memtop's own errors are said in one line and end with their code; anything else is a bug: its stack, exit 1.
	const known = error instanceof MemtopError;
	process.stderr.write(`memtop: ${known ? error.message : error.stack ?? String(error)}\n`);
	process.exitCode = known ? error.exitCode : EXIT.failure;
});
