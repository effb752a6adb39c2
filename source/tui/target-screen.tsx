// The live screen: reads the monitor, redraws at most a few times a second, and maps keys to actions.
import path from 'node:path';
import React, { useEffect, useRef, useState } from 'react';
import { useInput, type Key } from 'ink';
import type { Monitor } from '../watch/monitor.js';
import { Dashboard } from './components/dashboard.js';
import { actionFor, keystrokes, stepWindow } from '../render/keymap.js';
import type { Snapshots } from '../watch/snapshots.js';
import type { LiveTop } from '../watch/live-top.js';
import type { SnapshotReport } from '../analysis/report.js';
import { reportRows, type ReportView } from '../render/report-lines.js';
import { sortedRows } from '../render/top-lines.js';
import type { Watchdog } from '../watch/watchdog.js';
import type { HandleStacks } from '../watch/handle-stacks.js';
import { TRACE_MS } from '../model/handle-types.js';
import { alertText, bannerOrVerdict } from '../render/alert-banner.js';
import { snapshotMessage } from '../render/snapshot-message.js';
import { useTerminalSize } from './use-terminal-size.js';
import { MIN_COLUMNS, MIN_ROWS } from '../render/layout.js';

const REDRAW_MS = 250; // a GC storm must not become a render storm

export interface AppProps {
	monitor: Monitor;
	intervalMs: number;
	initialWindowMs: number;
	logFile?: string;
	onQuit: () => void;
	/** Terminal size from the caller (tests); otherwise the real terminal's. */
	size?: { columns: number; rows: number };
	/** Heap snapshots (the s key); absent, the key says it is unavailable. */
	snapshots?: Snapshots;
	/** The live allocation top (the t key). */
	liveTop?: LiveTop;
	/** The leak verdict and alerts (the l key). */
	watchdog?: Watchdog;
	/** Handle creation stacks (the h key). */
	handleStacks?: HandleStacks;
	/** Esc on the charts: back to the process list. */
	onBack?: () => void;
}

export function App({ monitor, intervalMs, initialWindowMs, logFile, onQuit, size, snapshots, liveTop, watchdog, handleStacks, onBack }: AppProps) {
	const terminal = useTerminalSize();
	const { columns, rows } = size ?? terminal;
	const [, setDrawn] = useState(0);
	const [windowMs, setWindowMs] = useState(initialWindowMs);
	const [frozenAt, setFrozenAt] = useState<number | undefined>();
	const [showHelp, setShowHelpState] = useState(false);
	// Keys typed together arrive before a re-render: read the help state from a ref, not a stale closure,
	// so the key after the one that closes help is not swallowed too.
	const helpShown = useRef(false);
	const setShowHelp = (shown: boolean) => {
		helpShown.current = shown;
		setShowHelpState(shown);
	};
	const [message, setMessage] = useState<string | undefined>();
	const startedAt = useRef(Date.now());
	const [showReport, setShowReport] = useState(false);
	const [view, setView] = useState<ReportView>({ mode: 'summary', selected: 0 });
	const shownReport = useRef<SnapshotReport | undefined>(undefined);
	const shownFailure = useRef<object | undefined>(undefined);
	const [showTop, setShowTop] = useState(false);
	const [topSort, setTopSort] = useState<'flat' | 'cum'>('flat');
	const [topSelected, setTopSelected] = useState(0);
	const [showLeaks, setShowLeaks] = useState(false);

	// Growth and allocated sums cover the chart window: the same minutes as the charts.
	useEffect(() => {
		if (liveTop) liveTop.windowMs = windowMs;
	}, [liveTop, windowMs]);

	useEffect(() => {
		let drawn = '';
		const timer = setInterval(() => {
			const version = `${monitor.version}/${snapshots?.version ?? 0}/${liveTop?.version ?? 0}/${watchdog?.version ?? 0}/${handleStacks?.version ?? 0}`;
			if (version === drawn) return;
			drawn = version;
			setDrawn((n) => n + 1);
			// A new report opens by itself: the diff when there is a previous snapshot, else the summary.
			const status = snapshots?.status;
			if (status?.phase === 'ready' && status.report && status.report !== shownReport.current) {
				shownReport.current = status.report;
				setView({ mode: status.report.diff ? 'diff' : 'summary', selected: 0 });
				setShowReport(true);
			}
			// A failure is said once; a later message (a forced GC, say) is not overwritten by it.
			if (status?.phase === 'failed' && status !== shownFailure.current) {
				shownFailure.current = status;
				setMessage(`snapshot failed: ${status.text}`);
			}
		}, REDRAW_MS);
		return () => clearInterval(timer);
	}, [monitor, snapshots, liveTop, watchdog, handleStacks]);

	const snapshotReport = snapshots?.status.report;
	const reportOpen = showReport && snapshotReport !== undefined;

	useInput((input, key) => keystrokes(input, key).forEach((one) => onKey(one, key)));
	function onKey(input: string, key: Key) {
		const action = actionFor(input, key, showLeaks && watchdog?.report ? 'leaks' : showTop ? 'top' : reportOpen ? 'report' : 'charts');
		// The "too small" screen offers q alone: a key that acted unseen (s starts a snapshot) would surprise.
		if (columns < MIN_COLUMNS || rows < MIN_ROWS) return void (action === 'quit' && onQuit());
		if (helpShown.current && action !== 'quit') return setShowHelp(false);
		if (snapshots?.status.phase === 'confirm' && action !== 'snapshot' && action !== 'quit') return snapshots.cancel();
		if (action === 'quit') return onQuit();
		if (action === 'snapshot') {
			if (!snapshots) return setMessage('heap snapshots are not available here');
			setMessage(undefined);
			return snapshots.request();
		}
		if (action === 'leaks' || (action === 'back' && showLeaks)) {
			if (!watchdog?.report) return setMessage('no leak verdict yet: it comes with the first reading');
			return setShowLeaks((shown) => action === 'leaks' && !shown);
		}
		if (action === 'handles') {
			if (!handleStacks) return setMessage('handle tracing is not available here');
			// The types judged to leak, else every type the target has now.
			const leaking = watchdog?.report?.handles.filter((h) => h.verdict === 'leak').map((h) => h.type) ?? [];
			const types = leaking.length > 0 ? leaking : Object.keys(monitor.history.latest()?.reading?.handles ?? {});
			if (types.length === 0) return setMessage('the target has no active handles to trace');
			setMessage(`recording where new ${types.join(', ')} handles are created, for ${TRACE_MS / 1000} s; l shows them`);
			void handleStacks.start(types);
			return;
		}
		if (action === 'top' || action === 'report') setShowLeaks(false);
		if (action === 'top' || action === 'profile') {
			if (!liveTop) return setMessage('allocation sampling is off (--no-sampling): no allocation top or profile');
			if (action === 'top') return setShowTop((shown) => !shown);
			setMessage('writing the allocation profile…');
			liveTop.dump().then(
				(files) => setMessage(`wrote ${path.basename(files.heapprofile)} (DevTools) and ${path.basename(files.pprof)} (pprof) in ${path.dirname(files.pprof)}`),
				(error: Error) => setMessage(`profile not written: ${error.message}`),
			);
			return;
		}
		if (showTop && liveTop) {
			const rows = sortedRows(liveTop.status, topSort);
			const list = liveTop.status.list;
			if (action === 'sort') return setTopSort((sort) => (sort === 'flat' ? 'cum' : 'flat'));
			if (action === 'up') return setTopSelected((n) => Math.max(0, n - 1));
			if (action === 'down') return setTopSelected((n) => Math.min(Math.max(0, rows.length - 1), n + 1));
			if (action === 'open' && rows[topSelected]) return void liveTop.openList(rows[topSelected]);
			if (action === 'back') return list ? liveTop.closeList() : setShowTop(false);
			if (action === 'mode' || action === 'unit' || action === 'fold') {
				setTopSelected(0);
				liveTop.closeList();
				return action === 'mode' ? liveTop.toggleMode() : action === 'unit' ? liveTop.toggleUnit() : liveTop.toggleFold();
			}
		}
		if (action === 'report') {
			setShowTop(false);
			if (!snapshotReport) return setMessage('no snapshot yet: press s to take one');
			return setShowReport((shown) => !shown);
		}
		if (reportOpen && snapshotReport) {
			const rows = reportRows(snapshotReport, view.mode);
			if (action === 'up') return setView((v) => ({ ...v, selected: Math.max(0, v.selected - 1) }));
			if (action === 'down') return setView((v) => ({ ...v, selected: Math.min(Math.max(0, rows.length - 1), v.selected + 1) }));
			if (action === 'open' && rows[view.selected]) return setView((v) => ({ ...v, open: rows[v.selected].name }));
			if (action === 'diff') return setView((v) => ({ mode: v.mode === 'summary' ? 'diff' : 'summary', selected: 0 }));
			if (action === 'back') return view.open ? setView((v) => ({ ...v, open: undefined })) : setShowReport(false);
		}
		if (action === 'help') return setShowHelp(true);
		if (action === 'back') return onBack?.(); // only the charts are left to go back from
		if (action === 'freeze') return setFrozenAt((at) => (at === undefined ? Date.now() : undefined));
		if (action === 'widen' || action === 'narrow') return setWindowMs((w) => stepWindow(w, action === 'widen' ? 1 : -1));
		if (action === 'gc') {
			setMessage('forcing a full GC…');
			monitor.forceGc().then(() => setMessage('forced a full GC (G on the charts)'), (error: Error) => setMessage(`GC failed: ${error.message}`));
		}
	}

	const now = Date.now();
	const report = watchdog?.report;
	return (
		<Dashboard
			history={monitor.history}
			info={monitor.info}
			state={monitor.state}
			stateDetail={monitor.stateDetail}
			at={frozenAt ?? now}
			frozen={frozenAt !== undefined}
			windowMs={windowMs}
			intervalMs={intervalMs}
			elapsedMs={now - startedAt.current}
			columns={columns}
			rows={rows}
			showHelp={showHelp}
			logFile={logFile}
			message={snapshotMessage(snapshots?.status) ?? message}
			report={reportOpen && snapshotReport ? { report: snapshotReport, view } : undefined}
			verdict={report ? bannerOrVerdict(report, liveTop?.status.suspects, watchdog!.alerts, now) : undefined}
			leaks={showLeaks && report ? { report, suspects: liveTop?.status.suspects, alerts: watchdog!.alerts.map((a) => ({ t: a.t, text: alertText(a) })), handleStacks: handleStacks?.status } : undefined}
			topStatus={liveTop?.status}
			allocTop={showTop && liveTop ? { status: liveTop.status, sort: topSort, selected: topSelected } : undefined}
		/>
	);
}
