// The one-target screen: subscribes to the target's stores, feeds keys through the pure input function
// (target-input.ts) and runs the effects it asks for. What to draw is the Dashboard's, from props.
import path from 'node:path';
import React, { useEffect, useRef, useState } from 'react';
import { useInput } from 'ink';
import type { Watched } from '../watch/watched.js';
import { Dashboard, type Body } from './components/dashboard.js';
import { actionFor, keystrokes } from '../render/keymap.js';
import { alertText, bannerOrVerdict } from '../render/alert-banner.js';
import { snapshotMessage } from '../render/snapshot-message.js';
import { useTerminalSize } from './use-terminal-size.js';
import { useStores } from './use-stores.js';
import { MIN_COLUMNS, MIN_ROWS } from '../render/layout.js';
import { initialState, keyView, targetInput, type Effect, type Input, type TargetOffer, type TargetScreenState } from './target-input.js';

const REDRAW_MS = 250; // a GC storm must not become a render storm

export interface TargetScreenProps {
	/** The target's live state; absent tools (no sampling) say so when their key is pressed. */
	watched: Pick<Watched, 'monitor'> & Partial<Pick<Watched, 'snapshots' | 'liveTop' | 'watchdog' | 'handleStacks' | 'holders'>>;
	intervalMs: number;
	initialWindowMs: number;
	logFile?: string;
	onQuit: () => void;
	/** Terminal size from the caller (tests); otherwise the real terminal's. */
	size?: { columns: number; rows: number };
	/** Esc on the charts: back to the process list. */
	onBack?: () => void;
}

export function TargetScreen({ watched, intervalMs, initialWindowMs, logFile, onQuit, size, onBack }: TargetScreenProps) {
	const { monitor, snapshots, liveTop, watchdog, handleStacks, holders } = watched;
	const terminal = useTerminalSize();
	const { columns, rows } = size ?? terminal;
	useStores([monitor, snapshots, liveTop, watchdog, handleStacks, holders], REDRAW_MS);
	const startedAt = useRef(Date.now());
	// Keys typed together arrive before a re-render: the state is read from a ref, never from a stale closure.
	const current = useRef<TargetScreenState>(initialState(initialWindowMs));
	const [state, setState] = useState(current.current);

	const offer = (): TargetOffer => {
		const leaking = watchdog?.report?.handles.filter((h) => h.verdict === 'leak').map((h) => h.type) ?? [];
		return {
			now: Date.now(), tooSmall: columns < MIN_COLUMNS || rows < MIN_ROWS, snapshots: snapshots?.status, top: liveTop?.status, leaks: watchdog?.report,
			handleTypes: handleStacks ? (leaking.length > 0 ? leaking : Object.keys(monitor.history.latest()?.reading?.handles ?? {})) : undefined,
		};
	};
	const dispatch = (input: Input) => {
		const outcome = targetInput(current.current, input, offer());
		current.current = outcome.state;
		setState(outcome.state);
		outcome.effects.forEach(run);
	};
	const say = (text: string) => dispatch({ type: 'message', text });
	function run(effect: Effect): void {
		if (effect.type === 'quit') return onQuit();
		if (effect.type === 'back') return onBack?.();
		if (effect.type === 'snapshot') return snapshots?.request();
		if (effect.type === 'cancel-snapshot') return snapshots?.cancel();
		if (effect.type === 'trace-handles') return void handleStacks?.start(effect.types);
		if (effect.type === 'open-list') return void liveTop?.openList(effect.row);
		if (effect.type === 'close-list') return liveTop?.closeList();
		if (effect.type === 'top-view') return effect.change === 'mode' ? liveTop?.toggleMode() : effect.change === 'unit' ? liveTop?.toggleUnit() : liveTop?.toggleFold();
		if (effect.type === 'gc') return void monitor.forceGc().then(() => say('forced a full GC (G on the charts)'), (error: Error) => say(`GC failed: ${error.message}`));
		liveTop?.dump().then(
			(files) => say(`wrote ${path.basename(files.heapprofile)} (DevTools) and ${path.basename(files.pprof)} (pprof) in ${path.dirname(files.pprof)}`),
			(error: Error) => say(`profile not written: ${error.message}`),
		);
	}

	// Growth and allocated sums cover the chart window: the same minutes as the charts.
	useEffect(() => {
		if (liveTop) liveTop.windowMs = state.windowMs;
	}, [liveTop, state.windowMs]);
	const snapshotStatus = snapshots?.status;
	useEffect(() => {
		if (snapshotStatus) dispatch({ type: 'snapshot-status', status: snapshotStatus });
	}, [snapshotStatus]);
	useInput((input, key) => keystrokes(input, key).forEach((one) => dispatch({ type: 'key', action: actionFor(one, key, keyView(current.current)) })));

	const now = Date.now();
	const report = watchdog?.report;
	return (
		<Dashboard history={monitor.history} info={monitor.info} state={monitor.state} stateDetail={monitor.stateDetail}
			at={state.frozenAt ?? now} frozen={state.frozenAt !== undefined} windowMs={state.windowMs} intervalMs={intervalMs}
			elapsedMs={now - startedAt.current} columns={columns} rows={rows} logFile={logFile}
			message={snapshotMessage(snapshotStatus) ?? state.message} body={bodyOf(state, watched)} topStatus={liveTop?.status}
			verdict={report ? bannerOrVerdict(report, liveTop?.status.suspects, watchdog!.alerts, now) : undefined} />
	);
}

/** What fills the screen for the view the state is in, from the target's stores. */
function bodyOf(state: TargetScreenState, { liveTop, watchdog, snapshots, handleStacks, holders }: TargetScreenProps['watched']): Body {
	const report = watchdog?.report;
	if (state.view === 'help') return { view: 'help', over: state.helpOver };
	if (state.view === 'leaks' && report) {
		return { view: 'leaks', leaks: { report, suspects: liveTop?.status.suspects, alerts: watchdog!.alerts.map((a) => ({ t: a.t, text: alertText(a) })), handleStacks: handleStacks?.status, holders: holders?.status } };
	}
	if (state.view === 'top' && liveTop) return { view: 'top', status: liveTop.status, sort: state.topSort, selected: state.topSelected };
	if (state.view === 'report' && snapshots?.status.report) return { view: 'report', report: snapshots.status.report, reportView: state.report };
	return { view: 'charts' };
}
