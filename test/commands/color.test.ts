// Colour follows https://no-color.org: NO_COLOR (not empty) and --no-color turn it off; FORCE_COLOR wins.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import chalk from 'chalk';
import { chooseColor } from '../../source/commands/color.js';

test('NO_COLOR and --no-color turn colour off, an empty NO_COLOR does not, FORCE_COLOR wins over both', (t) => {
	const before = chalk.level;
	t.after(() => (chalk.level = before));
	const levelAfter = (flag: boolean, env: NodeJS.ProcessEnv) => {
		chalk.level = 3;
		chooseColor(flag, env);
		return chalk.level;
	};
	assert.equal(levelAfter(true, {}), 3);
	assert.equal(levelAfter(true, { NO_COLOR: '1' }), 0);
	assert.equal(levelAfter(true, { NO_COLOR: '' }), 3, 'an empty NO_COLOR is as if unset');
	assert.equal(levelAfter(false, {}), 0);
	assert.equal(levelAfter(false, { FORCE_COLOR: '1' }), 3);
	assert.equal(levelAfter(true, { NO_COLOR: '1', FORCE_COLOR: '1' }), 3);
	chalk.level = 3;
	chooseColor(true, { NO_COLOR: '1' });
	assert.equal(chalk.red('x'), 'x', 'no escape codes once off');
});
