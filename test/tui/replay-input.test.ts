// Every key of the replay screens without a terminal: the cursor's keys everywhere, the list and a dashboard,
// and keys that would act on a process said to need one.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { initialReplayState, replayInput, replayKeyView, type ReplayOffer, type ReplayState } from '../../source/tui/replay-input.js';
import { openClock } from '../../source/model/replay-clock.js';
import type { Action } from '../../source/render/keymap.js';

const two: ReplayOffer = { keys: ['a', 'b'], tooSmall: false, topRows: 3 };
const press = (state: ReplayState, offer: ReplayOffer, ...actions: (Action | undefined)[]) =>
	actions.reduce((s, action) => replayInput(s, { type: 'key', action }, offer).state, state);
const list = initialReplayState(openClock(0, 600_000), 300_000);

test('the list: down and enter open the second target; esc comes back; the cursor is shared', () => {
	const opened = press(list, two, 'down', 'open');
	assert.deepEqual([opened.open, opened.view, replayKeyView(opened)], ['b', 'charts', 'charts']);
	const moved = press(opened, two, 'earlier', 'back');
	assert.deepEqual([moved.open, moved.clock.at, replayKeyView(moved)], [undefined, 590_000, 'list']);
	assert.equal(press(list, two, 'down', 'down', 'down').selected, 1, 'not past the last row');
});

test('one target: esc goes to a list of one, as live; leaks and top open and close, + and - change the window', () => {
	const one: ReplayOffer = { keys: ['a'], tooSmall: false, topRows: 3 };
	const alone = initialReplayState(openClock(0, 600_000), 300_000, 'a');
	assert.equal(press(alone, one, 'back').open, undefined);
	assert.equal(press(alone, one, 'back', 'open').open, 'a');
	assert.equal(press(alone, one, 'leaks').view, 'leaks');
	assert.equal(press(alone, one, 'leaks', 'back').view, 'charts');
	const top = press(alone, one, 'top', 'down', 'down', 'down', 'sort');
	assert.deepEqual([top.view, top.topSelected, top.topSort], ['top', 2, 'cum']);
	assert.equal(press(alone, one, 'widen').windowMs, 600_000);
	assert.equal(press(alone, one, 'narrow').windowMs, 120_000);
	const none = press(alone, { ...one, topRows: undefined }, 'top');
	assert.deepEqual([none.view, /no allocation top recorded/.test(none.message ?? '')], ['charts', true]);
});

test('keys that act on a process say a recording cannot; q quits from anywhere, help closes on any key', () => {
	const alone = initialReplayState(openClock(0, 600_000), 300_000, 'a');
	for (const action of ['snapshot', 'gc', 'profile', 'handles', 'report'] as const) {
		const outcome = replayInput(alone, { type: 'key', action }, two);
		assert.match(outcome.state.message ?? '', /acts on a live process: this is a recording/, action);
		assert.equal(outcome.quit, false);
	}
	assert.equal(replayInput(press(alone, two, 'help'), { type: 'key', action: 'quit' }, two).quit, true);
	const help = press(alone, two, 'leaks', 'help');
	assert.deepEqual([help.view, help.helpOver], ['help', 'leaks']);
	assert.equal(press(help, two, 'down').view, 'leaks');
	assert.equal(press(alone, { ...two, tooSmall: true }, 'earlier').clock.at, 600_000, 'too small: keys do nothing unseen');
});

test('space plays; ticks move a playing cursor, not a paused one; > plays ten times faster', () => {
	const playing = press(list, two, 'first', 'speed', 'play');
	const ticked = replayInput(playing, { type: 'tick', wallMs: 250 }, two).state;
	assert.equal(ticked.clock.at, 2500);
	assert.equal(replayInput(list, { type: 'tick', wallMs: 250 }, two).state.clock.at, 600_000);
});
