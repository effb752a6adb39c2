// What a fleet says of processes it cannot watch: each note goes to its listener as it comes, the list keeps the
// latest few, and the footer shows the newest for a minute.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Fleet, MAX_GONE, type Unwatched } from '../../source/watch/fleet.js';

const options = { intervalMs: 1000, connectTimeoutMs: 1000, windowMs: 60_000, outDir: '/nonexistent', sampleIntervalBytes: 32 * 1024, alerts: [], capture: 'none', alertCooldownMs: 60_000, confirmWithGc: false } as const;

test('each note reaches the listener at once; the newest shows for a minute; only the latest MAX_GONE are kept', () => {
	const fleet = new Fleet(options);
	const heard: Unwatched[] = [];
	fleet.notes.add((note) => heard.push(note));
	assert.equal(fleet.recentNote(Date.now()), undefined);
	fleet.note('127.0.0.1:40001', 'a child\'s inspector could not start on 127.0.0.1:40001: address already in use');
	fleet.note('ws://127.0.0.1:40002/x', 'not attached: connection refused');
	assert.deepEqual(heard.map((n) => n.key), ['127.0.0.1:40001', 'ws://127.0.0.1:40002/x']);
	const at = heard[1].at;
	assert.equal(fleet.recentNote(at + 59_000), 'not attached: connection refused');
	assert.equal(fleet.recentNote(at + 61_000), undefined, 'a minute later the footer is the keys again');
	for (let i = 0; i < MAX_GONE + 5; i++) fleet.note(`127.0.0.1:${41000 + i}`, `reason ${i}`);
	assert.equal(fleet.unwatched.length, MAX_GONE);
	assert.equal(fleet.unwatched[0].reason, 'reason 5', 'the oldest went first');
	assert.equal(heard.length, MAX_GONE + 7, 'every note was told, kept or not');
});

test('a stopped fleet takes no new targets', async () => {
	const fleet = new Fleet(options);
	await fleet.stop();
	await assert.rejects(fleet.add('ws://127.0.0.1:1/x', { kind: 'ws', url: 'ws://127.0.0.1:1/x' }, 'child'), /detaching: no new targets/);
	assert.equal(fleet.members.length, 0);
});
