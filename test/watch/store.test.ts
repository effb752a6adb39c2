// Stores and signals: many listeners, nothing overwritten, and a combined store heard at most once per
// throttle period however often its parts change.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { combineStores, Signal, Store } from '../../source/watch/store.js';

test('a store tells every listener of each replacement, until each unsubscribes', () => {
	const store = new Store(1);
	const heard: string[] = [];
	const offA = store.subscribe(() => heard.push(`a${store.getSnapshot()}`));
	store.subscribe(() => heard.push(`b${store.getSnapshot()}`));
	store.set(2);
	offA();
	store.set(3);
	assert.deepEqual(heard, ['a2', 'b2', 'b3']);
});

test('a signal reaches every listener; adding one never replaces another', () => {
	const signal = new Signal<number>();
	const heard: number[] = [];
	signal.add((n) => heard.push(n));
	const off = signal.add((n) => heard.push(n * 10));
	signal.emit(1);
	off();
	signal.emit(2);
	assert.deepEqual(heard, [1, 10, 2]);
});

test('combined stores: a stable snapshot while nothing changed, a new one when a part did', () => {
	const a = new Store({ n: 1 });
	const b = new Store('x');
	const both = combineStores([a, b], 50);
	const first = both.getSnapshot();
	assert.equal(both.getSnapshot(), first);
	b.set('y');
	const second = both.getSnapshot();
	assert.notEqual(second, first);
	assert.deepEqual(second, [{ n: 1 }, 'y']);
});

test('combined stores: a storm of changes is heard once at once and once at the end of the period', async () => {
	const a = new Store(0);
	const both = combineStores([a], 100);
	let calls = 0;
	const off = both.subscribe(() => calls++);
	try {
		for (let i = 1; i <= 1000; i++) a.set(i);
		assert.equal(calls, 1, 'the first change is passed on at once, the rest wait');
		await new Promise((resolve) => setTimeout(resolve, 250));
		assert.equal(calls, 2, 'the changes within the period are folded into one call at its end');
		assert.deepEqual(both.getSnapshot(), [1000]);
	} finally {
		off();
	}
});
