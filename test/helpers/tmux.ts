// Drive the real memtop screen in a tmux pseudo-terminal: type keys, resize, read the screen.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/**
 * Each terminal on a tmux server of its own, its socket in the terminal's folder (-S): on one shared server, a
 * test closing the last session ended the server while another test's new session was connecting to it
 * ("server exited unexpectedly", seen in CI).
 */
const tmuxOn = (socket: string, ...args: string[]) => execFileSync('tmux', ['-S', socket, ...args], { encoding: 'utf8' });

export class Terminal {
	private constructor(readonly name: string, private readonly dir: string) {}

	private readonly tmux = (...args: string[]) => tmuxOn(path.join(this.dir, 'tmux.sock'), ...args);

	/**
	 * Start command in a detached tmux session of the given size, in a folder of its own (removed on close):
	 * whatever memtop writes to its default --out-dir, the current one, never lands in the checkout.
	 */
	static start(command: string, columns = 120, rows = 40): Terminal {
		const name = `memtop-test-${process.pid}-${Math.random().toString(36).slice(2, 8)}`;
		const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'memtop-term-'));
		const socket = path.join(dir, 'tmux.sock');
		try {
			tmuxOn(socket, 'new-session', '-d', '-s', name, '-c', dir, '-x', String(columns), '-y', String(rows), `${command}; echo "EXITED $?"; sleep 60`);
			tmuxOn(socket, 'set-option', '-t', name, 'window-size', 'manual');
		} catch (error) {
			fs.rmSync(dir, { recursive: true, force: true }); // no terminal to close: its folder goes now
			throw error;
		}
		return new Terminal(name, dir);
	}

	screen(): string {
		return this.tmux('capture-pane', '-p', '-t', this.name);
	}

	/** The screen with its colours, as SGR sequences. */
	screenWithColours(): string {
		return this.tmux('capture-pane', '-p', '-e', '-t', this.name);
	}

	keys(...keys: string[]): void {
		this.tmux('send-keys', '-t', this.name, ...keys);
	}

	/** Type text literally (keys like '-' would otherwise be read as tmux options). */
	type(text: string): void {
		this.tmux('send-keys', '-t', this.name, '-l', '--', text);
	}

	resize(columns: number, rows: number): void {
		this.tmux('resize-window', '-t', this.name, '-x', String(columns), '-y', String(rows));
	}

	/** Poll the screen until it matches; fails with the last screen after `tries` polls. */
	async waitFor(re: RegExp, tries = 150): Promise<string> {
		let last = '';
		for (let i = 0; i < tries; i++) {
			last = this.screen();
			if (re.test(last)) return last;
			await new Promise((r) => setTimeout(r, 200));
		}
		throw new Error(`screen never matched ${re}:\n${last}`);
	}

	close(): void {
		try {
			this.tmux('kill-server'); // its own server: the session and the server go together
		} catch {
			// already gone
		}
		fs.rmSync(this.dir, { recursive: true, force: true });
	}
}
