// Lines to stdout for headless runs. A reader that goes away (memtop --json | head) ends the run quietly, as
// it ends `yes | head`: writes stop, and onClosed hears why.
import type { EndReason } from './records.js';

export interface StdoutLines {
	write(line: string): void;
	/** Stop listening for stdout errors (the run is over). */
	release(): void;
}

export function stdoutLines(onClosed: (reason: EndReason, detail: string) => void): StdoutLines {
	let closed = false;
	const onError = (error: NodeJS.ErrnoException) => {
		closed = true;
		onClosed(error.code === 'EPIPE' ? 'output-closed' : 'error', error.message);
	};
	process.stdout.on('error', onError);
	return {
		write: (line) => void (closed || process.stdout.write(line + '\n')),
		release: () => void process.stdout.off('error', onError),
	};
}
