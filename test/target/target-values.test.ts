// What a target says is checked before anything uses it: text without controls, figures of the right type.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { checkedGcBatch, checkedInfo, checkedReading, plainText } from '../../source/target/target-values.js';
import { styledLine } from '../../source/render/styled-line.js';

test('text loses C0/C1 controls and DEL; anything else is kept', () => {
	assert.equal(plainText('a\x1b[2Jb\x07c\x9bd\x7fé ✓'), 'a[2Jbcdé ✓');
	assert.equal(plainText(42), undefined);
	// And the screen strips them from anything, whatever path a text took.
	assert.equal(styledLine([{ text: 'x\x1b]0;t\x07y' }], 40), 'x]0;ty');
});

test('identity: a pid that is not a whole positive number is absent; texts are plain; no runtime is no identity', () => {
	const info = checkedInfo({ runtime: 'node', pid: '"; rm -rf /', nodeVersion: 'v24\x1b[31m', title: 7, argv: ['node', '\x1b]0;x\x07a', 5], startedAt: -1 });
	assert.equal(info.pid, undefined);
	assert.equal(info.nodeVersion, 'v24[31m');
	assert.equal(info.title, '');
	assert.deepEqual(info.argv, ['node', ']0;xa', '']);
	assert.ok(Math.abs(info.startedAt - Date.now()) < 1000);
	assert.equal(checkedInfo({ runtime: 'node', pid: 4242, nodeVersion: 'v24.22.3', title: 'node', argv: [], startedAt: 5 }).pid, 4242);
	assert.throws(() => checkedInfo({ pid: 1 }), /did not say what it is/);
});

test('a reading: wrong-typed or negative figures are absent; without heap figures it is a failed reading', () => {
	const r = checkedReading({ t: Date.now(), heapUsed: 1000, heapTotal: 2000, rss: 'NaN', external: -1, arrayBuffers: null, cpuPercent: Infinity,
		handles: { Timeout: 2, 'Bad\x1b[2J': 1, Weird: -3, Half: 0.5 }, gc: { count: 1 } });
	assert.deepEqual(r.handles, { Timeout: 2, 'Bad[2J': 1 });
	assert.deepEqual(['rss', 'external', 'arrayBuffers', 'cpuPercent', 'gc'].filter((k) => k in r), []);
	assert.throws(() => checkedReading({ heapUsed: -1, heapTotal: 2000 }), /without its heap figures/);
	assert.throws(() => checkedReading('nonsense'), /without its heap figures/);
	// A clock a day off is not believed.
	assert.ok(Math.abs(checkedReading({ t: 1e15, heapUsed: 1, heapTotal: 1 }).t - Date.now()) < 1000);
});

test('GC batches keep well-formed events only; a payload that is not JSON is an empty batch', () => {
	const batch = checkedGcBatch(JSON.stringify({ events: [{ t: 1, kind: 'major', pauseMs: 2, heapAfter: 3 }, { t: 1, kind: 'evil', pauseMs: 2 }, { kind: 'minor' }], dropped: 4 }));
	assert.deepEqual(batch, { events: [{ t: 1, kind: 'major', pauseMs: 2, heapAfter: 3 }], dropped: 4 });
	assert.deepEqual(checkedGcBatch('{not json'), { events: [], dropped: 0 });
});
