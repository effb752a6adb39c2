// A child's inspector announcement on its stderr ("Debugger listening on ws://…", Chromium's "DevTools listening
// on ws://…"): the match once the line has come, an error with what it printed if it exits first.
import type { ChildProcess } from 'node:child_process';

export function announced(child: ChildProcess, pattern: RegExp, name: string): Promise<RegExpExecArray> {
	return new Promise((resolve, reject) => {
		let err = '';
		child.stderr!.setEncoding('utf8').on('data', (chunk: string) => {
			err += chunk;
			const match = pattern.exec(err);
			if (match) resolve(match);
		});
		child.once('exit', (code) => reject(new Error(`${name} exited (${code}) before its inspector started: ${err}`)));
	});
}

/** The loopback port of a Node or Deno inspector's announcement. */
export const NODE_ANNOUNCEMENT = /Debugger listening on ws:\/\/127\.0\.0\.1:(\d+)\//;
