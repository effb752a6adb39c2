// The replay's time cursor: steps stay inside the recording, play from the end starts over, playing moves at
// the chosen speed and stops at the end.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { advanceClock, moveClock, openClock, type ClockMove } from '../../source/model/replay-clock.js';

const clock = openClock(100_000, 400_000);
const after = (...moves: ClockMove[]) => moves.reduce(moveClock, clock);

test('a recording opens at its end, paused; steps of 10 s and a minute stay within it', () => {
	assert.deepEqual([clock.at, clock.playing, clock.speed], [400_000, false, 1]);
	assert.equal(after('earlier').at, 390_000);
	assert.equal(after('minute-earlier', 'minute-earlier').at, 280_000);
	assert.equal(after('later').at, 400_000, 'not past the last reading');
	assert.equal(after('first').at, 100_000);
	assert.equal(after('first', 'earlier').at, 100_000, 'not before the first');
	assert.equal(after('first', 'later', 'minute-later').at, 170_000);
	assert.equal(after('first', 'last').at, 400_000);
});

test('space at the end plays from the start; again, it pauses; playing moves at 1x or 10x and stops at the end', () => {
	const playing = after('play');
	assert.deepEqual([playing.at, playing.playing], [100_000, true]);
	assert.equal(moveClock(playing, 'play').playing, false);
	assert.equal(advanceClock(playing, 250).at, 100_250);
	assert.equal(advanceClock(moveClock(playing, 'speed'), 250).at, 102_500);
	assert.equal(advanceClock(after('earlier'), 250).at, 390_000, 'paused: time passing moves nothing');
	const ended = advanceClock(moveClock(playing, 'later'), 1_000_000);
	assert.deepEqual([ended.at, ended.playing], [400_000, false]);
	const paused = after('minute-earlier', 'play');
	assert.deepEqual([paused.at, paused.playing], [340_000, true], 'play from the middle starts where the cursor is');
	assert.equal(moveClock(playing, 'last').playing, false, 'End pauses');
});
