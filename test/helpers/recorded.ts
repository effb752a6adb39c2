// A headless recording (test/fixtures/recorded/*.ndjson: memtop --json of a real target) read back into a
// History through memtop's own reader, as the watchdog and the screen saw it live.
import { readFileSync } from 'node:fs';
import { readRecording, type RecordedTarget } from '../../source/model/recording.js';

/** The one target of a recording in test/fixtures/recorded. */
export function recorded(name: string): RecordedTarget {
	const [target] = readRecording(readFileSync(new URL(`../fixtures/recorded/${name}`, import.meta.url), 'utf8'));
	return target;
}
