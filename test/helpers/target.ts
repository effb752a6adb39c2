// Start a real Node process with an inspector on a free loopback port, for tests that need a live target.
import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { announced } from './announced.js';

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
	const child = spawn(process.execPath, [`--inspect=127.0.0.1:${port}`, fixture(name), ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
	const stdout: string[] = [];
	const waiters: { re: RegExp; resolve: (line: string) => void }[] = [];
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
	const wsUrl = (await announced(child, /Debugger listening on (ws:\/\/\S+)/, `target ${name}`))[1];
	return {
		child,
		port: Number(new URL(wsUrl).port),
		wsUrl,
		stdout,
		waitFor: (re) => {
			const seen = stdout.find((line) => re.test(line));
			return seen !== undefined ? Promise.resolve(seen) : new Promise((resolve) => waiters.push({ re, resolve }));
		},
		kill: async (signal = 'SIGTERM') => {
			if (child.exitCode !== null || child.signalCode !== null) return;
			const exited = once(child, 'exit');
			child.kill(signal);
			await exited;
		},
	};
}
