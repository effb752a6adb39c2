// Start the live screen on the terminal and resolve with the exit code when the user quits.
import React from 'react';
import { render } from 'ink';
import type { RunConfig } from '../watch/run-config.js';
import type { OpenedFleet } from '../watch/open-fleet.js';
import { FleetScreen } from './fleet-screen.js';
import { EXIT } from '../errors.js';
import { failsOn } from '../watch/fleet.js';
import { useLineOutput } from './line-output.js';

/** The fleet is open already, so connection errors surfaced before the screen took over. */
export async function runTui(opened: OpenedFleet, config: RunConfig): Promise<number> {
	const { fleet } = opened;
	let quitting = false;
	const quit = () => {
		if (quitting) return;
		quitting = true;
		void fleet.stop().finally(() => instance.unmount());
	};
	await useLineOutput(); // an Ink it does not know keeps drawing its own way, only slower
	const instance = render(
		<FleetScreen fleet={fleet} initialKey={opened.initialKey} caption={opened.caption} intervalMs={config.intervalMs} initialWindowMs={config.windowMs} logFile={opened.logFile} onQuit={quit} />,
		// Only changed lines are rewritten: most of the screen (axes, labels, old columns) is the same each second.
		{ exitOnCtrlC: false, incrementalRendering: true, maxFps: 10 },
	);
	const timer = config.durationMs !== undefined ? setTimeout(quit, config.durationMs) : undefined;
	const onSignal = () => quit();
	process.once('SIGTERM', onSignal);
	process.once('SIGHUP', onSignal);
	await instance.waitUntilExit();
	process.stdout.write('\n'); // Ink leaves the cursor at the end of the footer: the prompt starts on a line of its own
	clearTimeout(timer);
	process.off('SIGTERM', onSignal);
	process.off('SIGHUP', onSignal);
	// --fail-on works on the screen too: the verdicts and alerts as they stood when the user quit, any target.
	return failsOn(config.failOn, fleet.members) ? EXIT.failOn : EXIT.ok;
}
