// Keys that arrive together in one read are each a key: "om" is o, then m; escape sequences stay whole.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { actionFor, keystrokes } from '../../source/render/keymap.js';

test('printable keys read together are split into keys; anything else is left whole', () => {
	assert.deepEqual(keystrokes('om', {}), ['o', 'm']);
	assert.deepEqual(keystrokes('o', {}), ['o']);
	assert.deepEqual(keystrokes('om', {}).map((k) => actionFor(k, {}, 'top')), ['unit', 'mode']);
	assert.equal(actionFor('om', {}, 'top'), undefined, 'as one string it is no key at all');
	assert.deepEqual(keystrokes('\x1b[A', { upArrow: true }), ['\x1b[A']);
	assert.deepEqual(keystrokes('c', { ctrl: true }), ['c']);
});
