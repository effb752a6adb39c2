import { test } from 'node:test';
import assert from 'node:assert/strict';
import React from 'react';
import { render } from 'ink-testing-library';
import { Dashboard } from '../../source/tui/components/dashboard.js';
import { props } from '../helpers/dashboard-props.js';

test('the dashboard shows the target, its state and the current values', () => {
	const frame = render(<Dashboard {...props({ columns: 130, rows: 40 })} />).lastFrame()!;
	assert.match(frame, /server\.js\s+pid 4242\s+node v20\.20\.2/);
	assert.match(frame, /● live/);
	assert.match(frame, /heap used\s+49\.0 MiB/); // the last reading: 20 + 29 MB
	assert.match(frame, /\+60\.0 MiB\/min/); // 1 MB per second for the last minute
	assert.match(frame, /alloc rate\s+5\.0 MiB\/s/);
	assert.match(frame, /after major\s+25\.0 MiB/);
	assert.match(frame, /handles\s+6 TCPSocketWrap 4 Timeout 2/);
	assert.match(frame, /Memory .*heap used/);
	assert.match(frame, /GC pause per interval/);
	assert.match(frame, /q  quit/);
});

test('frozen, disconnected and exited states are said in the header', () => {
	assert.match(render(<Dashboard {...props({ frozen: true })} />).lastFrame()!, /● frozen/);
	const gone = render(<Dashboard {...props({ state: 'exited', stateDetail: 'target exited with code 137' })} />).lastFrame()!;
	assert.match(gone, /● exited target exited with code 137/);
	assert.match(gone, /Memory/, 'history is still drawn');
});

test('a terminal below the minimum gets the size it needs', () => {
	const frame = render(<Dashboard {...props({ columns: 50, rows: 12 })} />).lastFrame()!;
	assert.match(frame, /Terminal too small: 50×12\. memtop needs at least 60×16/);
	assert.doesNotMatch(frame, /Memory/);
});

test('the help screen lists the keys of the view it was opened from, and others as room allows', () => {
	const charts = render(<Dashboard {...props({ body: { view: 'help', over: 'charts' } })} />).lastFrame()!;
	for (const text of ['q / ctrl+c', 'force a full GC', 'freeze the display', 'widen the chart window', 'heap snapshot: written', 'write the allocation profile', 'largest instances']) {
		assert.ok(charts.includes(text), `${text} in\n${charts}`);
	}
	// From the allocation top on a small screen: its own keys are there, a group that does not fit is left out whole.
	const top = render(<Dashboard {...props({ body: { view: 'help', over: 'top' }, columns: 80, rows: 24 })} />).lastFrame()!;
	for (const text of ['allocation top', 'in use (objects still alive)', 'count bytes or objects', 'fold node: internals and builtins', 'list: the function']) assert.ok(top.includes(text), `${text} in\n${top}`);
	assert.ok(!top.includes('force a full GC'), `the charts group does not fit whole, so it is left out:\n${top}`);
	assert.ok(top.split('\n').length <= 24);
});
