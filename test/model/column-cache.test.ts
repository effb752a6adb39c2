// Chart columns folded as readings arrive: the same values a fold of the whole window gives, every frame.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { History, type Tick } from '../../source/model/history.js';
import { bucketValues, columnIndexOf } from '../../source/model/column-cache.js';

/** A history of (t, v) points; v undefined is a failed reading. */
function historyOf(points: { t: number; v: number | undefined }[], keepMs?: number): History {
	const history = new History(keepMs);
	for (const { t, v } of points) v === undefined ? history.addGap(t) : history.addReading({ t, heapUsed: v, heapTotal: 0 });
	return history;
}
const heap = (tick: Tick) => tick.reading?.heapUsed;

test('a window folds into columns; empty columns are gaps, not zeros', () => {
	const history = historyOf([{ t: 0, v: 99 }, { t: 0.5, v: 10 }, { t: 1.5, v: 30 }, { t: 3, v: 20 }, { t: 7, v: 5 }, { t: 10, v: undefined }]);
	assert.deepEqual(bucketValues(history, heap, 10, 10, 5, 'mean'), [20, 20, undefined, 5, undefined]);
	assert.deepEqual(bucketValues(history, heap, 10, 10, 5, 'max'), [30, 20, undefined, 5, undefined]);
	assert.deepEqual(bucketValues(history, heap, 10, 10, 5, 'last'), [30, 20, undefined, 5, undefined]);
	assert.equal(columnIndexOf(7, 10, 10, 5), 3);
	assert.equal(columnIndexOf(0, 10, 10, 5), undefined);
});

test('columns narrower than the interval are bridged; a failed reading is not', () => {
	// Readings every 1000 ms into 500 ms columns (each holds (k·500, (k+1)·500]): every other one is empty by chance.
	const steady = historyOf([1000, 2000, 3000, 4000].map((t) => ({ t, v: t / 1000 })));
	assert.deepEqual(bucketValues(steady, heap, 4000, 4000, 8, 'mean', 1500), [undefined, 1, 1, 2, 2, 3, 3, 4]);
	assert.deepEqual(bucketValues(steady, heap, 4000, 4000, 8, 'mean'), [undefined, 1, undefined, 2, undefined, 3, undefined, 4]);
	const failed = historyOf([{ t: 1000, v: 1 }, { t: 2000, v: undefined }, { t: 3000, v: 3 }]);
	assert.deepEqual(bucketValues(failed, heap, 3000, 3000, 6, 'mean', 1500), [undefined, 1, undefined, undefined, undefined, 3]);
	const far = historyOf([{ t: 1000, v: 1 }, { t: 3000, v: 3 }]); // 2 s apart: missing data, not sampling phase
	assert.deepEqual(bucketValues(far, heap, 3000, 3000, 6, 'mean', 1500), [undefined, 1, undefined, undefined, undefined, 3]);
});

/** Every column of the window worked out from scratch: what the folded columns must equal. */
function foldFromScratch(ticks: readonly Tick[], end: number, windowMs: number, count: number): (number | undefined)[] {
	const width = windowMs / count;
	const first = Math.ceil(end / width) - count;
	const sums: number[] = Array(count).fill(0);
	const counts: number[] = Array(count).fill(0);
	for (const tick of ticks) {
		const k = Math.ceil(tick.t / width) - 1 - first;
		if (k < 0 || k >= count || tick.t > end || tick.reading === undefined) continue;
		sums[k] += tick.reading.heapUsed;
		counts[k]++;
	}
	return sums.map((sum, k) => (counts[k] ? sum / counts[k] : undefined));
}

test('folded as readings arrive, pruned and frozen: every frame equals a fold from scratch', () => {
	const history = new History(60_000); // an hour's pruning, in a minute
	let v = 1e6;
	for (let t = 100; t <= 300_000; t += 100) {
		v += ((t * 7919) % 1000) - 480; // a wandering series
		if (t % 3700 === 0) history.addGap(t);
		else history.addReading({ t, heapUsed: v, heapTotal: 0 });
		if (t % 2300 === 0) {
			// A frame: the live view, and a screen frozen 17 s ago (its last column must not see what came after).
			assert.deepEqual(bucketValues(history, heap, t, 30_000, 70), foldFromScratch(history.ticks, t, 30_000, 70), `live at ${t}`);
			assert.deepEqual(bucketValues(history, heap, t - 17_050, 30_000, 70), foldFromScratch(history.ticks, t - 17_050, 30_000, 70), `frozen at ${t - 17_050}`);
		}
	}
	assert.ok(history.removed.ticks > 2000, 'the history was pruned while the columns were kept');
});
