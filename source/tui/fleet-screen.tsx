// The screen when memtop watches a fleet: the process list, and a target's full dashboard opened from it
// (Enter) until Esc comes back. Each dashboard keeps its own window and views only while it is open.
import React, { useRef, useState } from 'react';
import { useInput } from 'ink';
import type { Fleet } from '../watch/fleet.js';
import { TargetScreen } from './target-screen.js';
import { actionFor, keystrokes } from '../render/keymap.js';
import { processRows } from '../watch/process-rows.js';
import { processListLines } from '../render/process-list-lines.js';
import { helpLines } from '../render/help-lines.js';
import { useTerminalSize } from './use-terminal-size.js';
import { useStores } from './use-stores.js';
import { Painted } from './components/painted.js';
import { Footer } from './components/footer.js';
import { TooSmall } from './components/too-small.js';
import { MIN_COLUMNS, MIN_ROWS } from '../render/layout.js';
import { initialListState, listInput, type ListState } from './list-input.js';

const REDRAW_MS = 500;

export interface FleetScreenProps {
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

export function FleetScreen(props: FleetScreenProps) {
	const [open, setOpen] = useState<string | undefined>(props.initialKey);
	const member = props.fleet.members.find((m) => m.key === open);
	if (member) {
		return <TargetScreen key={member.key} watched={member.watched} intervalMs={props.intervalMs} initialWindowMs={props.initialWindowMs}
			logFile={props.logFile} onQuit={props.onQuit} size={props.size} onBack={() => setOpen(undefined)} />;
	}
	return <ProcessList {...props} onOpen={setOpen} />;
}

function ProcessList({ fleet, caption, initialWindowMs, onQuit, size, onOpen }: FleetScreenProps & { onOpen: (key: string) => void }) {
	const terminal = useTerminalSize();
	const { columns, rows } = size ?? terminal;
	useStores([fleet], REDRAW_MS);
	// Keys typed together arrive before a re-render: the state is read from a ref, so "down, enter" opens the
	// row below, not the one the last render showed.
	const current = useRef<ListState>(initialListState);
	const [state, setState] = useState(current.current);
	const now = Date.now();
	const list = processRows(fleet.members, now, initialWindowMs);
	const tooSmall = columns < MIN_COLUMNS || rows < MIN_ROWS;
	useInput((input, key) => keystrokes(input, key).forEach((one) => {
		const outcome = listInput(current.current, actionFor(one, key, 'list'), list.map((row) => row.key), tooSmall);
		current.current = outcome.state;
		setState(outcome.state);
		for (const effect of outcome.effects) effect.type === 'quit' ? onQuit() : onOpen(effect.key);
	}));
	if (tooSmall) return <TooSmall columns={columns} rows={rows} />;
	const body = rows - 1;
	const lines = state.help ? helpLines('list', columns, body) : processListLines(list, Math.min(state.selected, Math.max(0, list.length - 1)), columns, body, caption);
	return (
		<>
			<Painted lines={lines} width={columns} />
			<Footer width={columns} view="list" message={fleet.recentNote(now)} />
		</>
	);
}
