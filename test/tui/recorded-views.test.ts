// The replay's verdict takes a process's worker threads' heaps out of its RSS as the live watchdog does: a
// process whose RSS grows only by its worker's growing heap is no native leak, replayed as live.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseRecording } from '../../source/model/recording.js';
import { detectLeaks } from '../../source/model/leak/detect.js';
import { historyAt, verdictAt } from '../../source/tui/recorded-views.js';

const MiB = 1024 * 1024;
const lines: object[] = [
	{ target: 'main', type: 'target', pid: 7, title: 'node', argv: ['node', 'app.js'] },
	{ target: 'worker', type: 'target', pid: 7, title: 'node', argv: ['node', 'app.js'], thread: { id: '1', title: '[worker 1]', url: 'file:///app/worker.js' } },
];
for (let s = 0; s <= 300; s++) {
	const t = 1_000_000 + s * 1000;
	const workerHeap = 20 * MiB + s * 200 * 1024; // the worker's heap grows 12 MiB a minute
	lines.push({ target: 'worker', type: 'sample', t: t - 10, heapUsed: workerHeap - MiB, heapTotal: workerHeap, external: 0 });
	lines.push({ target: 'main', type: 'sample', t, heapUsed: 10 * MiB + (s % 10) * 100_000, heapTotal: 20 * MiB, external: MiB, rss: 60 * MiB + workerHeap });
}

test('replayed, a process whose RSS grows only by its worker\'s heap is not judged a native leak; without its worker it would be', () => {
	const { targets } = parseRecording(lines.map((l) => JSON.stringify(l)).join('\n') + '\n', true);
	const main = targets.find((t) => t.key === 'main')!;
	const at = main.end;
	const history = historyAt(main, at, 300_000);
	const alone = detectLeaks(history, at, 300_000);
	assert.equal(alone.rss.verdict, 'leak', 'the test\'s own premise: RSS grows');
	const replayed = verdictAt(main, history, targets, at, 300_000);
	assert.notEqual(replayed.rss.verdict, 'leak');
	assert.ok(!replayed.kinds.includes('rss'), replayed.kinds.join(','));
});
