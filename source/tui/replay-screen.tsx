// `memtop replay`: a recording on the live screens. One clock (the time cursor) for the process list and every
// dashboard; the dashboard is the live one's, drawn at the cursor from what the recording holds.
import React, { useEffect, useMemo, useRef, useState } from 'react';
import { useInput } from 'ink';
import type { Recording, RecordedTarget } from '../model/recording.js';
import type { LeakReport } from '../model/leak/detect.js';
import { openClock } from '../model/replay-clock.js';
import { actionFor, keystrokes } from '../render/keymap.js';
import { alertText, bannerOrVerdict } from '../render/alert-banner.js';
import { processListLines } from '../render/process-list-lines.js';
import { helpLines } from '../render/help-lines.js';
import { sortedRows } from '../render/top-lines.js';
import { MIN_COLUMNS, MIN_ROWS } from '../render/layout.js';
import { Dashboard, type Body } from './components/dashboard.js';
import { recordedTime, replayPieces } from './components/header.js';
import { Painted } from './components/painted.js';
import { Footer } from './components/footer.js';
import { TooSmall } from './components/too-small.js';
import { useTerminalSize } from './use-terminal-size.js';
import { alertsUpTo, historyAt, infoOf, recordedRows, topAt, verdictAt } from './recorded-views.js';
import { initialReplayState, replayInput, replayKeyView, type ReplayInput, type ReplayState } from './replay-input.js';

/** How often a playing cursor moves on (and the screen is drawn): four frames a second, as live. */
const FRAME_MS = 250;

export interface ReplayScreenProps {
	recording: Recording;
	/** The file's name as the user gave it, for the header. */
	file: string;
	intervalMs: number;
	initialWindowMs: number;
	/** Open this target's dashboard first; a recording of one target opens on it. */
	initialKey?: string;
	onQuit: () => void;
	size?: { columns: number; rows: number };
}

export function ReplayScreen({ recording, file, intervalMs, initialWindowMs, initialKey, onQuit, size }: ReplayScreenProps) {
	const terminal = useTerminalSize();
	const { columns, rows } = size ?? terminal;
	const targets = recording.targets;
	const current = useRef<ReplayState>(initialReplayState(
		openClock(Math.min(...targets.map((t) => t.start)), Math.max(...targets.map((t) => t.end))), initialWindowMs,
		initialKey ?? (targets.length === 1 ? targets[0].key : undefined)));
	const [state, setState] = useState(current.current);
	const tooSmall = columns < MIN_COLUMNS || rows < MIN_ROWS;
	const openTarget = targets.find((t) => t.key === state.open);
	const top = openTarget && topAt(openTarget, state.clock.at);
	const at = state.clock.at;
	// Built again only when the cursor, the window or the target changes (not for a message or a view).
	const listRows = useMemo(() => (openTarget ? [] : recordedRows(targets, at, state.windowMs)), [openTarget, targets, at, state.windowMs]);
	const history = useMemo(() => openTarget && historyAt(openTarget, at, state.windowMs), [openTarget, at, state.windowMs]);
	const report = useMemo(() => openTarget && history && verdictAt(openTarget, history, targets, at, state.windowMs), [openTarget, history, targets, at, state.windowMs]);

	const dispatch = (input: ReplayInput) => {
		const shown = targets.find((t) => t.key === current.current.open);
		const topRows = shown && topAt(shown, current.current.clock.at)?.top?.functions.length;
		const outcome = replayInput(current.current, input, { keys: targets.map((target) => target.key), tooSmall, topRows }); // the list's order
		current.current = outcome.state;
		setState(outcome.state);
		if (outcome.quit) onQuit();
	};
	useInput((input, key) => keystrokes(input, key).forEach((one) => dispatch({ type: 'key', action: actionFor(one, key, replayKeyView(current.current), true) })));
	useEffect(() => {
		const timer = setInterval(() => {
			if (current.current.clock.playing) dispatch({ type: 'tick', wallMs: FRAME_MS });
		}, FRAME_MS);
		return () => clearInterval(timer);
	}, []);

	if (tooSmall) return <TooSmall columns={columns} rows={rows} />;
	const mark = { file, clock: state.clock };
	if (!openTarget) {
		const selected = Math.min(state.selected, Math.max(0, listRows.length - 1));
		const { where } = replayPieces(mark);
		const lines = state.view === 'help' ? helpLines('list', columns, rows - 1, true) : processListLines(listRows, selected, columns, rows - 1, `REPLAY ${where}`);
		return (
			<>
				<Painted lines={lines} width={columns} />
				<Footer width={columns} view="list" message={state.message} replay />
			</>
		);
	}
	const alerts = alertsUpTo(openTarget, at);
	return (
		<Dashboard history={history!} info={infoOf(openTarget)} state="live" at={at} frozen={false} windowMs={state.windowMs} intervalMs={intervalMs}
			elapsedMs={at - openTarget.start} columns={columns} rows={rows} message={state.message ?? beforeOrAfter(openTarget, at)} topStatus={top} replay={mark}
			body={bodyOf(state, report!, alerts, top)} verdict={bannerOrVerdict(report!, top?.suspects, alerts, at)} />
	);
}

function bodyOf(state: ReplayState, report: LeakReport, alerts: ReturnType<typeof alertsUpTo>, top: ReturnType<typeof topAt>): Body {
	if (state.view === 'help') return { view: 'help', over: state.helpOver === 'list' ? 'charts' : state.helpOver };
	if (state.view === 'leaks') return { view: 'leaks', leaks: { report, suspects: top?.suspects, alerts: alerts.map((a) => ({ t: a.t, text: alertText(a) })) } };
	if (state.view === 'top' && top) return { view: 'top', status: top, sort: state.topSort, selected: Math.min(state.topSelected, Math.max(0, sortedRows(top, state.topSort).length - 1)) };
	return { view: 'charts' };
}

/** A target of several may start later or end sooner than the recording: the cursor outside its readings says so. */
function beforeOrAfter(target: RecordedTarget, at: number): string | undefined {
	if (at < target.start) return `this target was first read at ${recordedTime(target.start)}`;
	if (at > target.end) return `this target's last reading was at ${recordedTime(target.end)}`;
	return undefined;
}

