// Three lines: which target, how it is being watched, and the leak verdict (or a fresh alert).
import React from 'react';
import type { ConnectionState, TargetInfo } from '../../types.js';
import { formatDuration } from '../../model/format.js';
import { styledLine, type Piece } from '../../render/styled-line.js';
import { Painted } from './painted.js';
import { targetName } from '../../model/target-name.js';

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
}

export function Header(props: HeaderProps) {
	const { info } = props;
	const shown = props.frozen ? 'frozen' : props.state;
	const first: Piece[] = [
		{ text: 'memtop ', bold: true, color: 'cyan' },
		{ text: info ? targetName(info) : 'connecting…', bold: true },
	];
	if (info) first.push({ text: `${info.pid === undefined ? '' : `  pid ${info.pid}`}  ${info.runtime === 'browser' ? info.nodeVersion : `${info.runtime} ${info.nodeVersion}`}` });
	first.push({ text: '  ' }, { text: `● ${shown}`, color: STATE_COLORS[shown], bold: true });
	if (props.stateDetail && props.state !== 'live') first.push({ text: ` ${props.stateDetail}`, color: STATE_COLORS[props.state] });
	const second = `${info?.url ?? ''}  every ${props.intervalMs / 1000}s  window ${formatDuration(props.windowMs)}  watching ${formatDuration(props.elapsedMs)}`
		+ (props.logFile ? `  log ${props.logFile}` : '');
	const third = styledLine(props.verdict ?? [{ text: 'leak check: starting', dim: true }], props.width);
	return <Painted lines={[styledLine(first, props.width), styledLine([{ text: second, dim: true }], props.width), third]} width={props.width} />;
}
