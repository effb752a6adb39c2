// A worker's threadId and title from the inspector's NodeWorker.attachedToWorker, as each Node version says it.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { workerIdentity } from '../../source/target/worker-channel.js';

test('the threadId comes from the title, not from the attach order the inspector calls workerId', () => {
	// Node 20 and 22: "[worker N]"; 24 and 26: "[worker N] <name>", "WorkerThread" unless the program named it.
	assert.deepEqual(workerIdentity({ workerId: '1', title: '[worker 2]' }), { id: '2', title: '[worker 2]' });
	assert.deepEqual(workerIdentity({ workerId: '1', title: '[worker 2] WorkerThread' }), { id: '2', title: '[worker 2]' });
	assert.deepEqual(workerIdentity({ workerId: '3', title: '[worker 7] resizer' }), { id: '7', title: '[worker 7] resizer' });
	// A runtime that titles its workers otherwise keeps the inspector's own number and words.
	assert.deepEqual(workerIdentity({ workerId: '4', title: 'image worker' }), { id: '4', title: 'image worker' });
});
