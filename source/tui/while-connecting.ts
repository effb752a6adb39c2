// Before the screen is up, while memtop connects (each step bounded by --connect-timeout): a line on stderr that
// says so, and q or Ctrl-C already end memtop. The terminal is given back as it was when the wait ends.
import { EXIT } from '../errors.js';

/** Show that memtop is connecting to `what`; returns how to stop listening. Does nothing off a terminal. */
export function whileConnecting(what: string, input: NodeJS.ReadStream = process.stdin, output: NodeJS.WriteStream = process.stderr): () => void {
	if (!input.isTTY || !output.isTTY) return () => {};
	output.write(`memtop: connecting to ${what} (q or Ctrl-C to stop)…`);
	const wasRaw = input.isRaw;
	input.setRawMode(true);
	const onKey = (data: Buffer) => {
		const key = data.toString();
		if (key !== 'q' && key !== '\u0003') return;
		stop();
		output.write('\n');
		process.exit(key === 'q' ? EXIT.ok : 128 + 2);
	};
	input.on('data', onKey);
	input.resume();
	function stop(): void {
		input.off('data', onKey);
		input.setRawMode(wasRaw);
		input.pause();
		output.write('\r\x1b[K');
	}
	return stop;
}
