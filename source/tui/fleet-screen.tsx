// The screen when memtop watches a fleet: the process list, and a target's full dashboard opened from it
// (Enter) until Esc comes back. Each dashboard keeps its own window and views only while it is open.
import React, { useEffect, useRef, useState } from 'react';
import { useInput } from 'ink';
import type { Fleet } from '../watch/fleet.js';
import { App } from './target-screen.js';
import { actionFor } from '../render/keymap.js';
import { processRows } from '../watch/process-rows.js';
import { processListLines } from '../render/process-list-lines.js';
import { helpLines } from '../render/help-lines.js';
import { useTerminalSize } from './use-terminal-size.js';
import { Painted } from './components/painted.js';
import { Footer } from './components/footer.js';
import { TooSmall } from './components/too-small.js';
import { MIN_COLUMNS, MIN_ROWS } from '../render/layout.js';

const REDRAW_MS = 500;

export interface FleetAppProps {
	fleet: Fleet;
	/** Open this target's dashboard first (one target named on the command line); else the list. */
	initialKey?: string;
	/** What the list is watching, for its title line: "ports 9229-9236". */
	caption: string;
	intervalMs: number;
	initialWindowMs: number;
	logFile?: string;
	onQuit: () => void;
	size?: { columns: number; rows: number };
}

export function FleetApp(props: FleetAppProps) {
	const [open, setOpen] = useState<string | undefined>(props.initialKey);
	const member = props.fleet.members.find((m) => m.key === open);
	if (member) {
		const { monitor, snapshots, liveTop, watchdog, handleStacks } = member.watched;
		return <App key={member.key} monitor={monitor} snapshots={snapshots} liveTop={liveTop} watchdog={watchdog} handleStacks={handleStacks}
			intervalMs={props.intervalMs} initialWindowMs={props.initialWindowMs} logFile={props.logFile} onQuit={props.onQuit} size={props.size}
			onBack={() => setOpen(undefined)} />;
	}
	return <ProcessList {...props} onOpen={setOpen} />;
}

function ProcessList({ fleet, caption, initialWindowMs, onQuit, size, onOpen }: FleetAppProps & { onOpen: (key: string) => void }) {
	const terminal = useTerminalSize();
	const { columns, rows } = size ?? terminal;
	// Keys typed together arrive before a re-render: the selection is read from a ref, so "down, enter" opens
	// the row below, not the one the last render showed.
	const selectedRef = useRef(0);
	const [selected, setSelectedState] = useState(0);
	const setSelected = (next: (n: number) => number) => {
		selectedRef.current = next(selectedRef.current);
		setSelectedState(selectedRef.current);
	};
	const [showHelp, setShowHelp] = useState(false);
	const [, setDrawn] = useState(0);
	useEffect(() => {
		const timer = setInterval(() => setDrawn((n) => n + 1), REDRAW_MS);
		return () => clearInterval(timer);
	}, []);
	const now = Date.now();
	const list = processRows(fleet.members, now, initialWindowMs);
	useInput((input, key) => {
		const action = actionFor(input, key, 'list');
		if (columns < MIN_COLUMNS || rows < MIN_ROWS) return void (action === 'quit' && onQuit());
		if (showHelp && action !== 'quit') return setShowHelp(false);
		if (action === 'quit') return onQuit();
		if (action === 'help') return setShowHelp(true);
		if (action === 'up') return setSelected((n) => Math.max(0, n - 1));
		if (action === 'down') return setSelected((n) => Math.min(Math.max(0, list.length - 1), n + 1));
		if (action === 'open' && list[selectedRef.current]) return onOpen(list[selectedRef.current].key);
	});
	if (columns < MIN_COLUMNS || rows < MIN_ROWS) return <TooSmall columns={columns} rows={rows} />;
	const body = rows - 1;
	const lines = showHelp ? helpLines('list', columns, body) : processListLines(list, Math.min(selected, Math.max(0, list.length - 1)), columns, body, caption);
	return (
		<>
			<Painted lines={lines} width={columns} />
			<Footer width={columns} view="list" message={fleet.recentNote(now)} />
		</>
	);
}
