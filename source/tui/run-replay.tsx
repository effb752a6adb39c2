// Start the replay screen on the terminal and resolve when the user quits.
import React from 'react';
import { render } from 'ink';
import type { Recording } from '../model/recording.js';
import { ReplayScreen } from './replay-screen.js';
import { useLineOutput } from './line-output.js';

export async function runReplay(recording: Recording, file: string, intervalMs: number, windowMs: number, initialKey: string | undefined): Promise<void> {
	await useLineOutput();
	const instance = render(
		<ReplayScreen recording={recording} file={file} intervalMs={intervalMs} initialWindowMs={windowMs} initialKey={initialKey} onQuit={() => instance.unmount()} />,
		{ exitOnCtrlC: false, incrementalRendering: true, maxFps: 10 },
	);
	await instance.waitUntilExit();
	process.stdout.write('\n'); // the prompt starts on a line of its own
}
