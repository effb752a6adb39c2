// The live screen: reads the monitor, redraws at most a few times a second, and maps keys to actions.
import React, { useEffect, useRef, useState } from 'react';
import { useInput } from 'ink';
import type { Monitor } from '../monitor.js';
import { Dashboard } from './components/dashboard.js';
import { actionFor, stepWindow } from './keymap.js';
import { useTerminalSize } from './use-terminal-size.js';

const REDRAW_MS = 250; // a GC storm must not become a render storm

export interface AppProps {
	monitor: Monitor;
	intervalMs: number;
	initialWindowMs: number;
	logFile?: string;
	onQuit: () => void;
	/** Terminal size from the caller (tests); otherwise the real terminal's. */
	size?: { columns: number; rows: number };
}

export function App({ monitor, intervalMs, initialWindowMs, logFile, onQuit, size }: AppProps) {
	const terminal = useTerminalSize();
	const { columns, rows } = size ?? terminal;
	const [, setDrawn] = useState(0);
	const [windowMs, setWindowMs] = useState(initialWindowMs);
	const [frozenAt, setFrozenAt] = useState<number | undefined>();
	const [showHelp, setShowHelp] = useState(false);
	const [message, setMessage] = useState<string | undefined>();
	const startedAt = useRef(Date.now());

	useEffect(() => {
		let drawn = -1;
		const timer = setInterval(() => {
			if (monitor.version !== drawn) {
				drawn = monitor.version;
				setDrawn(drawn);
			}
		}, REDRAW_MS);
		return () => clearInterval(timer);
	}, [monitor]);

	useInput((input, key) => {
		const action = actionFor(input, key);
		if (showHelp && action !== 'quit') return setShowHelp(false);
		if (action === 'quit') return onQuit();
		if (action === 'help') return setShowHelp(true);
		if (action === 'freeze') return setFrozenAt((at) => (at === undefined ? Date.now() : undefined));
		if (action === 'widen' || action === 'narrow') return setWindowMs((w) => stepWindow(w, action === 'widen' ? 1 : -1));
		if (action === 'gc') {
			setMessage('forcing a full GC…');
			monitor.forceGc().then(() => setMessage('forced a full GC (G on the charts)'), (error: Error) => setMessage(`GC failed: ${error.message}`));
		}
	});

	const now = Date.now();
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
			message={message}
		/>
	);
}
