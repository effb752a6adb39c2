// Two lines: which target, and how it is being watched.
import React from 'react';
import { Box, Text } from 'ink';
import type { ConnectionState, TargetInfo } from '../../types.js';
import { formatDuration } from '../../model/format.js';

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
}

/** The script or command the target runs, shorter than its full argv. */
export function targetName(info: TargetInfo): string {
	const script = info.argv.slice(1).join(' ');
	return script || info.title;
}

export function Header(props: HeaderProps) {
	const { info } = props;
	const shown = props.frozen ? 'frozen' : props.state;
	return (
		<Box flexDirection="column">
			<Text wrap="truncate">
				<Text bold color="cyan">memtop </Text>
				<Text bold>{info ? targetName(info) : 'connecting…'}</Text>
				{info && <Text>{`  pid ${info.pid}  node ${info.nodeVersion}`}</Text>}
				<Text>{'  '}</Text>
				<Text color={STATE_COLORS[shown]} bold>{`● ${shown}`}</Text>
				{props.stateDetail && props.state !== 'live' && <Text color={STATE_COLORS[props.state]}>{` ${props.stateDetail}`}</Text>}
			</Text>
			<Text wrap="truncate" dimColor>
				{`${info?.url ?? ''}  every ${props.intervalMs / 1000}s  window ${formatDuration(props.windowMs)}  watching ${formatDuration(props.elapsedMs)}`}
				{props.logFile ? `  log ${props.logFile}` : ''}
			</Text>
		</Box>
	);
}
