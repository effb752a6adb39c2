// A big recording is read by two threads, a half each: what they read together is what one thread reads, and a
// broken line or a line cut short in the second half is named by its line in the whole file.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { readRecordingFile } from '../../source/analysis/recording-file.js';
import type { Recording } from '../../source/model/recording.js';

const fixture = fileURLToPath(new URL('../fixtures/recorded/sawtooth-node26.ndjson', import.meta.url));
const everything = (recording: Recording) => JSON.stringify([recording.notes, recording.format, ...recording.targets.map((t) =>
	[t.key, t.start, t.end, t.history.ticks, t.history.gcEvents, t.history.majorFloors, t.history.markers, t.alerts, t.tops, t.info, t.verdict])]);

test('read by two threads, a recording is what one thread reads, to the last figure', () => {
	assert.equal(everything(readRecordingFile(fixture, { parallelFrom: 0 })), everything(readRecordingFile(fixture, { parallelFrom: Infinity })));
});

test('a broken line in the second half is named by its line in the file; a last line cut short there is left out with its number', (t) => {
	const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'memtop-recording-'));
	t.after(() => fs.rmSync(dir, { recursive: true, force: true }));
	const lines = fs.readFileSync(fixture, 'utf8').trimEnd().split('\n');
	const at = lines.length - 5; // well past the middle
	const broken = path.join(dir, 'broken.ndjson');
	fs.writeFileSync(broken, [...lines.slice(0, at), '{"type":"sample",', ...lines.slice(at)].join('\n') + '\n');
	assert.throws(() => readRecordingFile(broken, { parallelFrom: 0 }), new RegExp(`broken\\.ndjson: line ${at + 1}: not JSON`));
	assert.throws(() => readRecordingFile(broken, { parallelFrom: Infinity }), new RegExp(`broken\\.ndjson: line ${at + 1}: not JSON`));
	const killed = path.join(dir, 'killed.ndjson');
	fs.writeFileSync(killed, lines.join('\n') + '\n{"type":"sample","t":17');
	assert.deepEqual(readRecordingFile(killed, { parallelFrom: 0 }).notes, [`line ${lines.length + 1} is cut short (the run was stopped while writing it?): left out`]);
});
