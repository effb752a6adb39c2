// Every key of the process list through its pure input function.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { initialListState, listInput } from '../../source/tui/list-input.js';
import { keymap, type Action } from '../../source/render/keymap.js';

const rows = ['a', 'b', 'c'];
function press(actions: (Action | undefined)[], keys = rows, tooSmall = false) {
	let outcome = { state: initialListState, effects: [] as readonly unknown[] };
	for (const action of actions) outcome = listInput(outcome.state, action, keys, tooSmall);
	return outcome;
}

test('up and down move the selection within the rows; enter opens the selected one', () => {
	assert.equal(press(['down', 'down', 'down', 'down']).state.selected, 2);
	assert.equal(press(['down', 'up', 'up']).state.selected, 0);
	assert.deepEqual(press(['down', 'open']).effects, [{ type: 'open', key: 'b' }]);
	assert.deepEqual(press(['open'], []).effects, [], 'nothing to open on an empty list');
});

test('rows that went away leave the selection on the last one', () => {
	const far = press(['down', 'down']).state;
	assert.deepEqual(listInput(far, 'open', ['a'], false).effects, [{ type: 'open', key: 'a' }]);
	assert.equal(listInput(far, 'up', ['a', 'b'], false).state.selected, 0);
});

test('help opens with ?, any key but q closes it without acting; q quits from anywhere', () => {
	const help = press(['help']).state;
	assert.equal(help.help, true);
	assert.deepEqual(listInput(help, 'open', rows, false), { state: { ...help, help: false }, effects: [] });
	assert.deepEqual(listInput(help, 'quit', rows, false).effects, [{ type: 'quit' }]);
	assert.deepEqual(press(['quit']).effects, [{ type: 'quit' }]);
});

test('on the too-small screen only q acts', () => {
	for (const action of new Set(keymap.map((b) => b.action))) {
		const outcome = press([action], rows, true);
		assert.deepEqual(outcome.effects, action === 'quit' ? [{ type: 'quit' }] : [], action);
		assert.deepEqual(outcome.state, initialListState, action);
	}
});
