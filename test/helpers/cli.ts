// Run the built memtop CLI (dist/, as a user runs it) and collect its output.
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const cliPath = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', '..', 'dist', 'cli.js');

export interface CliRun {
	readonly child: ChildProcess;
	readonly lines: () => Record<string, unknown>[];
	/** What it printed on stderr so far. */
	readonly stderr: () => string;
	/** Resolves when the CLI exits. */
	readonly done: Promise<{ code: number | null; stdout: string; stderr: string }>;
	/** Resolve when a JSON line satisfies predicate. */
	waitForLine(predicate: (line: Record<string, unknown>) => boolean): Promise<Record<string, unknown>>;
}

/** Run memtop in a folder of its own (removed when it ends), so that nothing it writes by default lands in the checkout. */
export function runCli(args: string[]): CliRun {
	const cwd = fs.mkdtempSync(path.join(os.tmpdir(), 'memtop-cli-'));
	const child = spawn(process.execPath, [cliPath, ...args], { stdio: ['ignore', 'pipe', 'pipe'], cwd });
	child.on('close', () => fs.rmSync(cwd, { recursive: true, force: true }));
	let stdout = '';
	let stderr = '';
	const waiters: { predicate: (l: Record<string, unknown>) => boolean; resolve: (l: Record<string, unknown>) => void }[] = [];
	const parsed = () => stdout.split('\n').filter((l) => l.startsWith('{')).map((l) => JSON.parse(l) as Record<string, unknown>);
	child.stdout!.setEncoding('utf8').on('data', (chunk: string) => {
		stdout += chunk;
		const lines = parsed();
		for (const w of [...waiters]) {
			const hit = lines.find(w.predicate);
			if (hit) {
				waiters.splice(waiters.indexOf(w), 1);
				w.resolve(hit);
			}
		}
	});
	child.stderr!.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
	const done = new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve) =>
		child.on('close', (code) => resolve({ code, stdout, stderr })));
	return {
		child,
		lines: parsed,
		stderr: () => stderr,
		done,
		waitForLine: (predicate) => {
			const hit = parsed().find(predicate);
			return hit ? Promise.resolve(hit) : new Promise((resolve) => waiters.push({ predicate, resolve }));
		},
	};
}
