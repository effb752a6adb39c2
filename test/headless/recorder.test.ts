// The recorder writes each chart mark once, after the reading it came before, and the reader puts it back on
// the history, so a replay's charts show the same G, S, R and C marks as the live ones did.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { History } from '../../source/model/history.js';
import { Recorder } from '../../source/headless/recorder.js';
import { parseRecording } from '../../source/model/recording.js';

test('a mark is recorded once, after the reading it came before, and read back onto the history', () => {
	const lines: string[] = [];
	const history = new History();
	const recorder = new Recorder({ write: (line) => lines.push(line) }, 300_000, () => history);
	const listener = recorder.listenerFor('ws://127.0.0.1:9229/x');
	const tick = (t: number) => listener.onTick!(history.addReading({ t, heapUsed: 10, heapTotal: 20 }));
	tick(1000);
	history.addMarker({ t: 1500, label: 'G', text: 'forced GC' });
	tick(2000);
	tick(3000);
	history.addMarker({ t: 3200, label: 'S', text: 'heap snapshot' });
	tick(4000);
	const types = lines.map((line) => JSON.parse(line).type);
	assert.deepEqual(types, ['sample', 'sample', 'mark', 'sample', 'sample', 'mark']);
	assert.deepEqual(JSON.parse(lines[2]), { target: 'ws://127.0.0.1:9229/x', type: 'mark', t: 1500, label: 'G', text: 'forced GC' });
	const [target] = parseRecording(lines.join('\n') + '\n', true).targets;
	assert.deepEqual(target.history.markers, [{ t: 1500, label: 'G', text: 'forced GC' }, { t: 3200, label: 'S', text: 'heap snapshot' }]);
});
