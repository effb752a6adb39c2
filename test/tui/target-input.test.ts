// Every key in every view of the one-target screen, through the pure input function: the view it leads to,
// the message it leaves and the effects it asks the screen to run.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { initialState, keyView, targetInput, type Input, type TargetOffer, type TargetScreenState, type View } from '../../source/tui/target-input.js';
import { keymap, type Action } from '../../source/render/keymap.js';
import type { SnapshotReport } from '../../source/analysis/report.js';
import type { LiveTopStatus } from '../../source/watch/live-top-status.js';
import type { LeakReport } from '../../source/model/leak/detect.js';
import type { FunctionRow } from '../../source/model/profile/top.js';

const row = (name: string, flat: number, cum: number) => ({ name, url: 'file:///app.js', line: 1, flat, cum }) as unknown as FunctionRow;
const report = {
	file: '/tmp/b.heapsnapshot', base: '/tmp/a.heapsnapshot', nodes: 10, edges: 20, totalSize: 1000, timings: {}, retainers: {},
	constructors: [{ name: 'A' }, { name: 'B' }, { name: 'C' }], diff: { rows: [{ name: 'B' }, { name: 'C' }] },
} as unknown as SnapshotReport;
const top: LiveTopStatus = { view: { mode: 'inuse', unit: 'space', foldInternals: false }, perMinute: new Map(), readEveryMs: 5000, top: { functions: [row('small', 1, 9), row('big', 5, 5)] } as never };
const leaks = { verdict: 'no-leak', handles: [] } as unknown as LeakReport;
const offer: TargetOffer = { now: 5000, tooSmall: false, snapshots: { phase: 'ready', report }, top, leaks, handleTypes: ['Timeout'] };

const key = (action: Action | undefined): Input => ({ type: 'key', action });
/** Press keys one after another from a state; the last outcome. */
function press(state: TargetScreenState, actions: (Action | undefined)[], with_: TargetOffer = offer) {
	let outcome = { state, effects: [] as readonly unknown[] };
	for (const action of actions) outcome = targetInput(outcome.state, key(action), with_);
	return outcome;
}
const start = initialState(60_000);
const inView = (view: Exclude<View, 'help'>) => press(start, [view === 'charts' ? undefined : view]).state;

test('the views open with their keys and close with the same key or esc', () => {
	for (const [action, view] of [['top', 'top'], ['report', 'report'], ['leaks', 'leaks']] as const) {
		const opened = press(start, [action]).state;
		assert.equal(opened.view, view, action);
		assert.equal(press(opened, [action]).state.view, 'charts', `${action} again closes it`);
		assert.equal(press(opened, ['back']).state.view, 'charts', `esc closes ${view}`);
	}
	assert.deepEqual(press(start, ['back']).effects, [{ type: 'back' }], 'esc on the charts goes back to the process list');
});

test('the leaks and the top go back to the view they were opened over', () => {
	const leaksOverTop = press(start, ['top', 'leaks']).state;
	assert.deepEqual([leaksOverTop.view, leaksOverTop.under], ['leaks', 'top']);
	assert.equal(press(leaksOverTop, ['back']).state.view, 'top');
	assert.equal(press(start, ['report', 'top', 'back']).state.view, 'report');
	assert.equal(press(start, ['top', 'report']).state.view, 'report', 'r from the top opens the report');
});

test('help covers any view, lists its keys, and any key but q closes it without acting', () => {
	for (const view of ['charts', 'report', 'top', 'leaks'] as const) {
		const help = press(inView(view), ['help']).state;
		assert.deepEqual([help.view, keyView(help)], ['help', view]);
		const closed = press(help, ['snapshot']);
		assert.deepEqual([closed.state.view, closed.effects], [view, []], `a key closes help over ${view} and does nothing else`);
		assert.deepEqual(press(help, ['quit']).effects, [{ type: 'quit' }]);
	}
});

test('global keys act from every view', () => {
	for (const view of ['charts', 'report', 'top', 'leaks'] as const) {
		const state = inView(view);
		assert.deepEqual(press(state, ['quit']).effects, [{ type: 'quit' }], view);
		assert.deepEqual(press(state, ['snapshot']).effects, [{ type: 'snapshot' }], view);
		assert.deepEqual(press(state, ['profile']).effects, [{ type: 'dump-profile' }], view);
		assert.equal(press(state, ['profile']).state.message, 'writing the allocation profile…');
		const trace = press(state, ['handles']);
		assert.deepEqual(trace.effects, [{ type: 'trace-handles', types: ['Timeout'] }], view);
		assert.match(trace.state.message!, /recording where new Timeout handles are created, for 30 s/);
	}
});

test('keys of a tool that is off say so and do nothing', () => {
	const bare: TargetOffer = { now: 0, tooSmall: false };
	const said = (action: Action) => press(start, [action], bare);
	assert.equal(said('snapshot').state.message, 'heap snapshots are not available here');
	assert.equal(said('top').state.message, 'allocation sampling is off (--no-sampling): no allocation top or profile');
	assert.equal(said('profile').state.message, 'allocation sampling is off (--no-sampling): no allocation top or profile');
	assert.equal(said('leaks').state.message, 'no leak verdict yet: it comes with the first reading');
	assert.equal(said('handles').state.message, 'handle tracing is not available here');
	assert.equal(said('report').state.message, 'no snapshot yet: press s to take one');
	assert.equal(press(start, ['handles'], { ...bare, handleTypes: [] }).state.message, 'the target has no active handles to trace');
	for (const action of ['snapshot', 'top', 'profile', 'leaks', 'handles', 'report'] as const) assert.deepEqual([said(action).state.view, said(action).effects], ['charts', []], action);
});

test('the charts: freeze, window steps, forced GC', () => {
	const frozen = press(start, ['freeze']).state;
	assert.equal(frozen.frozenAt, 5000);
	assert.equal(press(frozen, ['freeze']).state.frozenAt, undefined);
	assert.equal(press(start, ['widen']).state.windowMs, 120_000);
	assert.equal(press(start, ['narrow']).state.windowMs, 30_000);
	assert.equal(press(start, ['narrow', 'narrow', 'narrow', 'narrow']).state.windowMs, 10_000, 'the ladder stops at its lowest step');
	const gc = press(start, ['gc']);
	assert.deepEqual([gc.effects, gc.state.message], [[{ type: 'gc' }], 'forcing a full GC…']);
	assert.equal(targetInput(gc.state, { type: 'message', text: 'forced a full GC (G on the charts)' }, offer).state.message, 'forced a full GC (G on the charts)');
});

test('the allocation top: selection within the rows, sort, list, and view switches that start from the top row', () => {
	const state = inView('top');
	assert.equal(press(state, ['down', 'down', 'down']).state.topSelected, 1, 'two rows: the selection stops at the last');
	assert.equal(press(state, ['down', 'up', 'up']).state.topSelected, 0);
	assert.deepEqual(press(state, ['open']).effects, [{ type: 'open-list', row: top.top!.functions[1] }], 'by flat, "big" is first');
	assert.deepEqual(press(state, ['sort', 'open']).effects, [{ type: 'open-list', row: top.top!.functions[0] }], 'by cum, "small" is first');
	for (const change of ['mode', 'unit', 'fold'] as const) {
		const switched = press(state, ['down', change]);
		assert.deepEqual([switched.state.topSelected, switched.effects], [0, [{ type: 'close-list' }, { type: 'top-view', change }]], change);
	}
	assert.deepEqual(press(state, ['back'], { ...offer, top: { ...top, list: {} as never } }).effects, [{ type: 'close-list' }], 'esc closes an open list first');
});

test('the snapshot report: selection, retainers of a row, diff tab', () => {
	const state = inView('report');
	assert.equal(press(state, ['down', 'down', 'down', 'down']).state.report.selected, 2);
	const opened = press(state, ['down', 'open']).state;
	assert.equal(opened.report.open, 'B');
	assert.equal(press(opened, ['back']).state.report.open, undefined, 'esc closes the retainers first');
	assert.equal(press(opened, ['back', 'back']).state.view, 'charts');
	const diff = press(state, ['down', 'diff']).state;
	assert.deepEqual(diff.report, { mode: 'diff', selected: 0 });
	assert.equal(press(diff, ['down', 'down', 'down']).state.report.selected, 1, 'the diff has two rows');
});

test('a new snapshot report opens by itself, once; a failure is said once', () => {
	const opened = targetInput(start, { type: 'snapshot-status', status: { phase: 'ready', report } }, offer).state;
	assert.deepEqual([opened.view, opened.report.mode], ['report', 'diff'], 'with a base, the diff first');
	const closed = press(opened, ['back']).state;
	assert.equal(targetInput(closed, { type: 'snapshot-status', status: { phase: 'ready', report } }, offer).state.view, 'charts', 'the same report does not reopen');
	const failure = { phase: 'failed', text: 'no space left' } as const;
	const said = targetInput(start, { type: 'snapshot-status', status: failure }, offer).state;
	assert.equal(said.message, 'snapshot failed: no space left');
	const later = targetInput({ ...said, message: 'forced a full GC' }, { type: 'snapshot-status', status: failure }, offer).state;
	assert.equal(later.message, 'forced a full GC', 'a later message is not overwritten by the same failure');
});

test('while a snapshot waits for confirmation, another key cancels it; s confirms', () => {
	const confirming: TargetOffer = { ...offer, snapshots: { phase: 'confirm', text: 'the heap is large' } };
	assert.deepEqual(press(start, ['gc'], confirming).effects, [{ type: 'cancel-snapshot' }]);
	assert.deepEqual(press(start, ['snapshot'], confirming).effects, [{ type: 'snapshot' }]);
	assert.deepEqual(press(start, ['quit'], confirming).effects, [{ type: 'quit' }]);
});

test('on the too-small screen only q acts, whatever the key, in every view', () => {
	const small = { ...offer, tooSmall: true };
	for (const view of ['charts', 'report', 'top', 'leaks'] as const) {
		for (const action of new Set(keymap.map((b) => b.action))) {
			const outcome = press(inView(view), [action], small);
			if (action === 'quit') assert.deepEqual(outcome.effects, [{ type: 'quit' }]);
			else assert.deepEqual([outcome.state, outcome.effects], [inView(view), []], `${action} in ${view}`);
		}
	}
});

test('every key in every view leads to a view that can be drawn, and an unbound key changes nothing', () => {
	const views: View[] = ['charts', 'report', 'top', 'leaks', 'help'];
	for (const view of views) {
		const state = view === 'help' ? press(start, ['help']).state : inView(view);
		for (const action of [...new Set(keymap.map((b) => b.action))]) {
			const next = press(state, [action]).state;
			assert.ok(views.includes(next.view), `${action} in ${view}`);
			if (next.view === 'report') assert.ok(offer.snapshots?.report, 'the report opens only when there is one');
		}
		assert.deepEqual(press(state, [undefined]), { state: view === 'help' ? { ...state, view: 'charts' } : state, effects: [] }, `an unbound key in ${view}`);
	}
});
