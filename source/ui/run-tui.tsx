// Start the live screen on the terminal and resolve with the exit code when the user quits.
import React from 'react';
import { render } from 'ink';
import type { TargetSource } from '../collector/session.js';
import type { RunConfig } from '../options.js';
import { Monitor } from '../monitor.js';
import { App } from './app.js';
import { Snapshots } from '../snapshots.js';
import { LiveTop } from '../live-top.js';
import { Watchdog } from '../watchdog.js';
import { HandleStacks } from '../handle-stacks.js';
import { EXIT } from '../exit-codes.js';
import { useLineOutput } from './line-output.js';

export async function runTui(source: TargetSource, config: RunConfig): Promise<number> {
	const monitor = new Monitor(source, config.intervalMs, config.connectTimeoutMs);
	await monitor.start(); // connection errors surface before the screen takes over
	const logFile = source.kind === 'spawned' ? source.spawned.logFile : undefined;
	let quitting = false;
	const quit = () => {
		if (quitting) return;
		quitting = true;
		snapshots.stop();
		liveTop?.stop();
		handleStacks.stop();
		void monitor.stop().finally(() => instance.unmount());
	};
	const snapshots = new Snapshots(monitor, config.outDir);
	// Sampling runs while attached, so the allocation top has figures the moment it is opened.
	const liveTop = config.sampleIntervalBytes === undefined ? undefined : new LiveTop(monitor, config.outDir, config.sampleIntervalBytes);
	liveTop?.start();
	const handleStacks = new HandleStacks(monitor);
	const watchdog = new Watchdog(monitor.history, monitor, { liveTop, handleStacks }, { windowMs: config.windowMs, rules: config.alerts, capture: config.capture, cooldownMs: config.alertCooldownMs, outDir: config.outDir, confirmWithGc: config.confirmWithGc });
	monitor.onTick = (tick) => watchdog.onTick(tick);
	monitor.onGcEvents = (events) => watchdog.onGc(events);
	await useLineOutput(); // an Ink it does not know keeps drawing its own way, only slower
	const instance = render(
		<App monitor={monitor} intervalMs={config.intervalMs} initialWindowMs={config.windowMs} logFile={logFile} onQuit={quit} snapshots={snapshots} liveTop={liveTop} watchdog={watchdog} handleStacks={handleStacks} />,
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
	// --fail-on works on the screen too: the verdict and alerts as they stood when the user quit.
	const failed = (config.failOn.includes('leak') && watchdog.report?.verdict === 'leak') || (config.failOn.includes('alert') && watchdog.alerts.length > 0);
	return failed ? EXIT.failOn : EXIT.ok;
}
