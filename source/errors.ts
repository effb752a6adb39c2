// Every error memtop means a person to read, each with the exit code it ends the run with (the table in --help
// and the README). The entry point prints such an error's message and exits with its code; anything else is
// a bug, printed with its stack, exit 1. Plain data: any layer may throw these.
/** Process exit codes, as listed in --help and the README. */
export const EXIT = { ok: 0, failure: 1, usage: 2, connect: 3, failOn: 4, capture: 5 } as const;

/** An error whose message is for the user, and the process's exit code when it ends the run. */
export class MemtopError extends Error {
	readonly exitCode: number = EXIT.failure;
}

/** Bad flags or arguments: the message names the fix. */
export class UsageError extends MemtopError {
	override readonly exitCode: number = EXIT.usage;
}

/** A failure to reach an inspector or to attach; the message names the problem and the fix. */
export class ConnectError extends MemtopError {
	override readonly exitCode: number = EXIT.connect;
}

/** The input is not a heap snapshot or profile memtop can read; the message says what was found. */
export class SnapshotFormatError extends MemtopError {
	override readonly exitCode: number = EXIT.usage;
}

/** The input is not a memtop recording (NDJSON) memtop can read; the message names the line. */
export class RecordingError extends MemtopError {
	override readonly exitCode: number = EXIT.usage;
}

/** A snapshot or profile could not be taken or written; any partial file is gone. */
export class CaptureError extends MemtopError {
	override readonly exitCode: number = EXIT.capture;
}

/** The target's one sampling heap profiler is in use by another client. */
export class SamplerBusyError extends MemtopError {
	override readonly exitCode: number = EXIT.capture;
}

const SIGNAL_NUMBERS: Readonly<Record<string, number>> = { SIGHUP: 1, SIGINT: 2, SIGTERM: 15 };

/** A capture stopped by a signal: the partial file is gone; the process ends as the signal asks (128 + n). */
export class InterruptedError extends CaptureError {
	override readonly exitCode: number;

	constructor(readonly signal: NodeJS.Signals, what: string) {
		super(`interrupted by ${signal}: ${what} was not finished and the partial file was removed`);
		this.exitCode = 128 + (SIGNAL_NUMBERS[signal] ?? 0);
	}
}
