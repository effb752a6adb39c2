// The one-target screen's input as a pure function: (state, action, what the target offers now) → (state,
// effects). The screen component only runs the effects (start a snapshot, force a GC, write a profile); every
// key in every view is unit-tested here without a terminal or a target.
import { stepWindow, type Action } from '../render/keymap.js';
import type { ReportView } from '../render/report-lines.js';
import { reportRows } from '../render/report-lines.js';
import { sortedRows } from '../render/top-lines.js';
import type { SnapshotReport } from '../analysis/report.js';
import type { SnapshotStatus } from '../watch/snapshots.js';
import type { LiveTopStatus } from '../watch/live-top-status.js';
import type { LeakReport } from '../model/leak/detect.js';
import type { FunctionRow } from '../model/profile/top.js';
import { TRACE_MS } from '../model/handle-types.js';

/** What fills the screen below the header; help covers the view it was opened from. */
export type View = 'charts' | 'report' | 'top' | 'leaks' | 'help';

type Shown = Exclude<View, 'help'>;

export interface TargetScreenState {
	readonly view: View;
	/** The view help was opened over: its keys are listed first, and any key goes back to it. */
	readonly helpOver: Shown;
	/** The view under the leaks or the top: where esc (or the same key again) goes back to. */
	readonly under: Shown;
	readonly windowMs: number;
	readonly frozenAt?: number;
	readonly message?: string;
	readonly report: ReportView;
	readonly topSort: 'flat' | 'cum';
	readonly topSelected: number;
	/** The snapshot report and failure last acted on: a new one opens (or is said) once. */
	readonly shownReport?: SnapshotReport;
	readonly shownFailure?: SnapshotStatus;
}

/** What the target offers at the moment of the key: absent tools say so when their key is pressed. */
export interface TargetOffer {
	readonly now: number;
	readonly tooSmall: boolean;
	readonly snapshots?: SnapshotStatus;
	readonly top?: LiveTopStatus;
	readonly leaks?: LeakReport;
	/** Handle types to trace (the leaking ones, else all the target has); undefined: tracing unavailable. */
	readonly handleTypes?: readonly string[];
}

export type Effect =
	| { readonly type: 'quit' | 'back' | 'snapshot' | 'cancel-snapshot' | 'gc' | 'dump-profile' | 'close-list' }
	| { readonly type: 'trace-handles'; readonly types: readonly string[] }
	| { readonly type: 'open-list'; readonly row: FunctionRow }
	| { readonly type: 'top-view'; readonly change: 'mode' | 'unit' | 'fold' };

export type Input =
	| { readonly type: 'key'; readonly action: Action | undefined }
	| { readonly type: 'snapshot-status'; readonly status: SnapshotStatus }
	| { readonly type: 'message'; readonly text: string };

export interface Outcome {
	readonly state: TargetScreenState;
	readonly effects: readonly Effect[];
}

export function initialState(windowMs: number): TargetScreenState {
	return { view: 'charts', helpOver: 'charts', under: 'charts', windowMs, report: { mode: 'summary', selected: 0 }, topSort: 'flat', topSelected: 0 };
}

/** The view the keymap reads keys in: help takes its keys from the view under it. */
export function keyView(state: TargetScreenState): Shown {
	return state.view === 'help' ? state.helpOver : state.view;
}

const stay = (state: TargetScreenState, ...effects: Effect[]): Outcome => ({ state, effects });
const say = (state: TargetScreenState, message: string | undefined, ...effects: Effect[]): Outcome => ({ state: { ...state, message }, effects });
const overlay = (view: Shown) => view === 'leaks' || view === 'top';
/**
 * Open a view; the leaks and the top remember what they were opened over (the report, say), to go back to it.
 * The leaks open over the top too; the top opened from the leaks replaces them.
 */
function show(state: TargetScreenState, view: Shown, change: Partial<TargetScreenState> = {}): Outcome {
	const under = !overlay(view) ? 'charts' : state.view === 'leaks' || state.view === view ? state.under : (state.view as Shown);
	return stay({ ...state, ...change, view, under });
}
const close = (state: TargetScreenState): Outcome => stay({ ...state, view: state.under, under: 'charts' });

/** One input in, the next state and what to do out. */
export function targetInput(state: TargetScreenState, input: Input, offer: TargetOffer): Outcome {
	if (input.type === 'message') return say(state, input.text);
	if (input.type === 'snapshot-status') return onSnapshotStatus(state, input.status);
	const action = input.action;
	// The "too small" screen offers q alone: a key that acted unseen (s starts a snapshot) would surprise.
	if (offer.tooSmall) return action === 'quit' ? stay(state, { type: 'quit' }) : stay(state);
	if (state.view === 'help') return action === 'quit' ? stay(state, { type: 'quit' }) : stay({ ...state, view: state.helpOver });
	if (offer.snapshots?.phase === 'confirm' && action !== 'snapshot' && action !== 'quit') return stay(state, { type: 'cancel-snapshot' });
	return globalKey(state, action, offer) ?? viewKey(state, action, offer) ?? chartsKey(state, action, offer);
}

/** Keys that act the same in every view. */
function globalKey(state: TargetScreenState, action: Action | undefined, offer: TargetOffer): Outcome | undefined {
	switch (action) {
		case 'quit': return stay(state, { type: 'quit' });
		case 'snapshot': return offer.snapshots ? say(state, undefined, { type: 'snapshot' }) : say(state, 'heap snapshots are not available here');
		case 'leaks': return offer.leaks ? (state.view === 'leaks' ? close(state) : show(state, 'leaks')) : say(state, 'no leak verdict yet: it comes with the first reading');
		case 'handles': {
			if (!offer.handleTypes) return say(state, 'handle tracing is not available here');
			if (offer.handleTypes.length === 0) return say(state, 'the target has no active handles to trace');
			return say(state, `recording where new ${offer.handleTypes.join(', ')} handles are created, for ${TRACE_MS / 1000} s; l shows them`, { type: 'trace-handles', types: offer.handleTypes });
		}
		case 'top': return !offer.top ? say(state, 'allocation sampling is off (--no-sampling): no allocation top or profile') : state.view === 'top' ? close(state) : show(state, 'top');
		case 'profile': return offer.top ? say(state, 'writing the allocation profile…', { type: 'dump-profile' }) : say(state, 'allocation sampling is off (--no-sampling): no allocation top or profile');
		case 'report': {
			if (!offer.snapshots?.report) return say(show(state, 'charts').state, 'no snapshot yet: press s to take one');
			return state.view === 'report' ? show(state, 'charts') : show(state, 'report');
		}
		default: return undefined;
	}
}

/** Keys of the view that is open: the leak evidence, the allocation top, the snapshot report. */
function viewKey(state: TargetScreenState, action: Action | undefined, offer: TargetOffer): Outcome | undefined {
	if (state.view === 'leaks' && action === 'back') return close(state);
	if (state.view === 'top' && offer.top) return topKey(state, action, offer.top);
	if (state.view === 'report' && offer.snapshots?.report) return reportKey(state, action, offer.snapshots.report);
	return undefined;
}

function topKey(state: TargetScreenState, action: Action | undefined, top: LiveTopStatus): Outcome | undefined {
	const rows = sortedRows(top, state.topSort);
	switch (action) {
		case 'sort': return stay({ ...state, topSort: state.topSort === 'flat' ? 'cum' : 'flat' });
		case 'up': return stay({ ...state, topSelected: Math.max(0, state.topSelected - 1) });
		case 'down': return stay({ ...state, topSelected: Math.min(Math.max(0, rows.length - 1), state.topSelected + 1) });
		case 'open': return rows[state.topSelected] ? stay(state, { type: 'open-list', row: rows[state.topSelected] }) : stay(state);
		case 'back': return top.list ? stay(state, { type: 'close-list' }) : close(state);
		case 'mode': case 'unit': case 'fold': return stay({ ...state, topSelected: 0 }, { type: 'close-list' }, { type: 'top-view', change: action });
		default: return undefined;
	}
}

function reportKey(state: TargetScreenState, action: Action | undefined, report: SnapshotReport): Outcome | undefined {
	const rows = reportRows(report, state.report.mode);
	const view = state.report;
	switch (action) {
		case 'up': return stay({ ...state, report: { ...view, selected: Math.max(0, view.selected - 1) } });
		case 'down': return stay({ ...state, report: { ...view, selected: Math.min(Math.max(0, rows.length - 1), view.selected + 1) } });
		case 'open': return rows[view.selected] ? stay({ ...state, report: { ...view, open: rows[view.selected].name } }) : stay(state);
		case 'diff': return stay({ ...state, report: { mode: view.mode === 'summary' ? 'diff' : 'summary', selected: 0 } });
		case 'back': return view.open ? stay({ ...state, report: { ...view, open: undefined } }) : show(state, 'charts');
		default: return undefined;
	}
}

/** What is left: keys of the charts (and help, and back to the process list, from any view). */
function chartsKey(state: TargetScreenState, action: Action | undefined, offer: TargetOffer): Outcome {
	switch (action) {
		case 'help': return stay({ ...state, view: 'help', helpOver: keyView(state) });
		case 'back': return stay(state, { type: 'back' }); // only the charts are left to go back from
		case 'freeze': return stay({ ...state, frozenAt: state.frozenAt === undefined ? offer.now : undefined });
		case 'widen': case 'narrow': return stay({ ...state, windowMs: stepWindow(state.windowMs, action === 'widen' ? 1 : -1) });
		case 'gc': return say(state, 'forcing a full GC…', { type: 'gc' });
		default: return stay(state);
	}
}

/** A new snapshot report opens by itself (the diff when there is a previous snapshot); a failure is said once. */
function onSnapshotStatus(state: TargetScreenState, status: SnapshotStatus): Outcome {
	if (status.phase === 'ready' && status.report && status.report !== state.shownReport) {
		return show(state, 'report', { shownReport: status.report, report: { mode: status.report.diff ? 'diff' : 'summary', selected: 0 } });
	}
	if (status.phase === 'failed' && status !== state.shownFailure) return say({ ...state, shownFailure: status }, `snapshot failed: ${status.text}`);
	return stay(state);
}
