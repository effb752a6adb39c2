// Spawn mode: start the user's command with an inspector on a free loopback port, learn the port from the
// announcement line, and keep the child's output off the screen in a log file.
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { EventEmitter } from 'node:events';
import { ConnectError } from '../errors.js';

const INSPECT_FLAG = '--inspect=127.0.0.1:0';
const ANNOUNCEMENT = /Debugger listening on (ws:\/\/\S+)/;
// Node's words when a child's inspector cannot listen: a cluster worker gets the primary's port + n, which
// another process may hold. The child runs on without an inspector; memtop says so rather than miss it silently.
const FAILED_START = /Starting inspector on (\S+) failed: (.*)/;

export interface ChildListener {
	inspector(wsUrl: string): void;
	failed(address: string, reason: string): void;
}

type ChildNews = { kind: 'inspector'; wsUrl: string } | { kind: 'failed'; address: string; reason: string };

export interface SpawnedTarget {
	readonly child: ChildProcess;
	readonly wsUrl: string;
	readonly logFile: string;
	/** Emits 'exit' (code: number | null, signal: string | null) once. */
	readonly events: EventEmitter;
	/**
	 * Hear of the children that announce on the shared stderr: each that got an inspector too (cluster workers,
	 * forks), and each whose inspector could not start. Those heard before the call are told first: a cluster
	 * forks at once, often before the command itself is attached.
	 */
	followChildren(listener: ChildListener): void;
	exitCode(): number | null | undefined;
	stop(): Promise<void>;
}

const isNode = (command: string) => ['node', 'nodejs', path.basename(process.execPath)].includes(path.basename(command)) || command === process.execPath;

/** Arguments and environment that give the command an inspector on a free port. */
export function inspectorLaunch(command: string, args: readonly string[], env: NodeJS.ProcessEnv) {
	if (isNode(command)) return { args: [INSPECT_FLAG, ...args], env: { ...env } };
	// Deno takes the flag after its subcommand, and announces its inspector the way Node does.
	if (path.basename(command) === 'deno' && ['run', 'serve', 'task'].includes(args[0])) return { args: [args[0], INSPECT_FLAG, ...args.slice(1)], env: { ...env } };
	const options = [env.NODE_OPTIONS, INSPECT_FLAG].filter(Boolean).join(' ');
	return { args: [...args], env: { ...env, NODE_OPTIONS: options } };
}

/** Start command, wait for its inspector announcement; rejects with a ConnectError that names the fix. */
export function spawnTarget(command: string, args: readonly string[], logFile: string, announceTimeoutMs = 15_000): Promise<SpawnedTarget> {
	const launch = inspectorLaunch(command, args, process.env);
	const log = fs.openSync(logFile, 'a', 0o600);
	const child = spawn(command, launch.args, { env: launch.env, stdio: ['ignore', log, 'pipe'] });
	const events = new EventEmitter();
	let exit: number | null | undefined;
	const news: ChildNews[] = [];
	let follower: ChildListener | undefined;
	const tell = (item: ChildNews, to: ChildListener) => (item.kind === 'inspector' ? to.inspector(item.wsUrl) : to.failed(item.address, item.reason));
	const heard = (item: ChildNews) => (follower ? tell(item, follower) : news.push(item));
	const followChildren = (listener: ChildListener) => {
		follower = listener;
		news.splice(0).forEach((item) => tell(item, listener));
	};

	return new Promise((resolve, reject) => {
		let announced = false;
		const timer = setTimeout(() => {
			fail(new ConnectError(`"${command}" did not start a Node inspector within ${announceTimeoutMs / 1000} s. ` +
				`Is it a Node program? Its output is in ${logFile}.`));
		}, announceTimeoutMs);
		const fail = (error: Error) => {
			clearTimeout(timer);
			if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
			reject(error);
		};
		stderrLines(child, log, (line) => {
			const failed = FAILED_START.exec(line);
			if (failed) heard({ kind: 'failed', address: failed[1], reason: failed[2] });
			const match = ANNOUNCEMENT.exec(line);
			if (!match) return;
			if (announced) return heard({ kind: 'inspector', wsUrl: match[1] });
			announced = true;
			clearTimeout(timer);
			resolve({ child, wsUrl: match[1], logFile, events, followChildren, exitCode: () => exit, stop: () => stopChild(child) });
		});
		child.on('close', () => fs.closeSync(log));
		child.on('error', (error: NodeJS.ErrnoException) => {
			fail(new ConnectError(error.code === 'ENOENT'
				? `command not found: "${command}". Check the spelling or give a full path after --.`
				: `cannot start "${command}": ${error.message}`));
		});
		child.on('exit', (code, signal) => {
			exit = code ?? (signal ? 128 : null);
			events.emit('exit', code, signal);
			if (!announced) {
				fail(new ConnectError(`"${command}" exited (${signal ?? `code ${code}`}) before its inspector started. ` +
					`Its output is in ${logFile}.`));
			}
		});
	});
}

/** The child's stderr, copied to its log, handed over a whole line at a time (an announcement split across two chunks is read once complete). */
function stderrLines(child: ChildProcess, log: number, onLine: (line: string) => void): void {
	let tail = '';
	child.stderr!.setEncoding('utf8');
	child.stderr!.on('data', (chunk: string) => {
		fs.writeSync(log, chunk);
		const lines = (tail + chunk).split('\n');
		tail = lines.pop()!.slice(-4096);
		lines.forEach(onLine);
	});
}

/** SIGTERM, then SIGKILL if the child ignores it. */
function stopChild(child: ChildProcess): Promise<void> {
	if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
	return new Promise((resolve) => {
		const force = setTimeout(() => child.kill('SIGKILL'), 3000);
		child.once('exit', () => {
			clearTimeout(force);
			resolve();
		});
		child.kill('SIGTERM');
	});
}
