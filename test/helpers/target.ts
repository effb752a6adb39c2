// Start a real Node process with an inspector on a free loopback port, for tests that need a live target.
import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { announced } from './announced.js';

/**
 * The Node that runs targets: MEMTOP_TEST_NODE (set by `npm run test:runtimes` to each supported major) or the
 * test runner's own. memtop itself always runs on the test runner's Node.
 */
export const targetNode = process.env.MEMTOP_TEST_NODE || process.execPath;

export const fixture = (name: string) => path.join(path.dirname(fileURLToPath(import.meta.url)), '..', 'fixtures', name);

export interface LiveTarget {
	readonly child: ChildProcess;
	readonly port: number;
	readonly wsUrl: string;
	/** Lines the target printed on stdout so far. */
	readonly stdout: string[];
	/** Resolve with the first stdout line matching re. */
	waitFor(re: RegExp): Promise<string>;
	kill(signal?: NodeJS.Signals): Promise<void>;
}

/** Spawn `node --inspect=host:port fixture args`; port 0 picks a free one. */
export async function startTarget(name: string, args: string[] = [], port = 0): Promise<LiveTarget> {
	const child = spawn(targetNode, [`--inspect=127.0.0.1:${port}`, path.isAbsolute(name) ? name : fixture(name), ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
	const stdout: string[] = [];
	const waiters: { re: RegExp; resolve: (line: string) => void; reject: (error: Error) => void }[] = [];
	let buffered = '';
	child.stdout!.setEncoding('utf8').on('data', (chunk: string) => {
		buffered += chunk;
		const lines = buffered.split('\n');
		buffered = lines.pop()!;
		for (const line of lines) {
			stdout.push(line);
			for (const waiter of waiters.filter((w) => w.re.test(line))) {
				waiters.splice(waiters.indexOf(waiter), 1);
				waiter.resolve(line);
			}
		}
	});
	// A target that exits fails what waits on it, rather than leave a test hanging ('close': its output is all in).
	let closed = false;
	child.on('close', (code, signal) => {
		closed = true;
		for (const waiter of waiters.splice(0)) waiter.reject(new Error(`target ${name} exited (${signal ?? code}) before printing ${waiter.re}; it printed: ${stdout.slice(-5).join(' | ')}`));
	});
	const wsUrl = (await announced(child, /Debugger listening on (ws:\/\/\S+)/, `target ${name}`))[1];
	return {
		child,
		port: Number(new URL(wsUrl).port),
		wsUrl,
		stdout,
		waitFor: (re) => {
			const seen = stdout.find((line) => re.test(line));
			if (seen !== undefined) return Promise.resolve(seen);
			if (closed) return Promise.reject(new Error(`target ${name} has exited; it never printed ${re}`));
			return new Promise((resolve, reject) => waiters.push({ re, resolve, reject }));
		},
		kill: async (signal = 'SIGTERM') => {
			if (child.exitCode !== null || child.signalCode !== null) return;
			const exited = once(child, 'exit');
			child.kill(signal);
			await exited;
		},
	};
}
