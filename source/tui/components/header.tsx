// Three lines: which target, how it is being watched, and the leak verdict (or a fresh alert).
import React from 'react';
import type { ConnectionState, TargetInfo } from '../../types.js';
import { formatDuration } from '../../model/format.js';
import { styledLine, type Piece } from '../../render/styled-line.js';
import { Painted } from './painted.js';
import { targetName } from '../../model/target-name.js';
import type { ReplayClock } from '../../model/replay-clock.js';

const STATE_COLORS: Record<ConnectionState | 'frozen', string> = {
	connecting: 'yellow', live: 'green', busy: 'yellow', disconnected: 'red', exited: 'red', frozen: 'cyan',
};

export interface HeaderProps {
	info?: TargetInfo;
	state: ConnectionState;
	stateDetail?: string;
	frozen: boolean;
	intervalMs: number;
	windowMs: number;
	elapsedMs: number;
	logFile?: string;
	width: number;
	verdict?: Piece[];
	/** Replaying a recording: its file and time cursor take the place of the connection's state. */
	replay?: ReplayMark;
}

export interface ReplayMark {
	readonly file: string;
	readonly clock: ReplayClock;
}

/** The recorded time at the cursor, in UTC (a recording is often read on another machine than it was made on). */
export function recordedTime(t: number): string {
	return `${new Date(t).toISOString().slice(0, 19).replace('T', ' ')} UTC`;
}

/** "● REPLAY ▶ 10x" and, for the second line, the cursor's time, how far into the run it is, and the file. */
export function replayPieces({ file, clock }: ReplayMark): { state: Piece[]; where: string } {
	const state: Piece[] = [{ text: '● REPLAY', color: 'magenta', bold: true }, { text: clock.playing ? ` ▶ ${clock.speed}x` : ` ❚❚ paused${clock.speed === 10 ? ' (10x)' : ''}`, color: 'magenta' }];
	// The time first: a long path is what a narrow terminal cuts.
	const where = `at ${recordedTime(clock.at)} (${formatDuration(clock.at - clock.start)} of ${formatDuration(clock.end - clock.start)})  ${file}`;
	return { state, where };
}

export function Header(props: HeaderProps) {
	const { info } = props;
	const shown = props.frozen ? 'frozen' : props.state;
	const first: Piece[] = [
		{ text: 'memtop ', bold: true, color: 'cyan' },
		{ text: info ? targetName(info) : 'connecting…', bold: true },
	];
	if (info) first.push({ text: `${info.pid === undefined ? '' : `  pid ${info.pid}`}  ${info.runtime === 'browser' ? info.nodeVersion : `${info.runtime} ${info.nodeVersion}`}` });
	const replay = props.replay && replayPieces(props.replay);
	first.push({ text: '  ' }, ...(replay?.state ?? [{ text: `● ${shown}`, color: STATE_COLORS[shown], bold: true }]));
	if (!replay && props.stateDetail && props.state !== 'live') first.push({ text: ` ${props.stateDetail}`, color: STATE_COLORS[props.state] });
	const second = replay
		? `${replay.where}  every ${props.intervalMs / 1000}s  window ${formatDuration(props.windowMs)}`
		: `${info?.url ?? ''}  every ${props.intervalMs / 1000}s  window ${formatDuration(props.windowMs)}  watching ${formatDuration(props.elapsedMs)}` + (props.logFile ? `  log ${props.logFile}` : '');
	const third = styledLine(props.verdict ?? [{ text: 'leak check: starting', dim: true }], props.width);
	return <Painted lines={[styledLine(first, props.width), styledLine([{ text: second, dim: true }], props.width), third]} width={props.width} />;
}
