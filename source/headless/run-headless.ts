// Headless mode: one JSON object per line on stdout, nothing drawn. Ends on --duration, a signal or target exit.
import { Session, type TargetSource } from '../collector/session.js';
import { History } from '../model/history.js';
import { alertRecord, endRecord, gcRecord, sampleRecord, summaryRecord, targetRecord, topRecord, type EndReason } from './records.js';
import { Watchdog, type Capture } from '../watchdog.js';
import { HandleStacks } from '../handle-stacks.js';
import type { AlertRule } from '../model/alerts.js';
import type { FailOn } from '../options.js';
import { EXIT } from '../exit-codes.js';
import { LiveTop } from '../live-top.js';
import type { TargetInfo } from '../types.js';

export interface HeadlessOptions {
	readonly intervalMs: number;
	readonly windowMs: number;
	readonly durationMs?: number;
	readonly connectTimeoutMs: number;
	readonly write?: (line: string) => void;
	readonly alerts: readonly AlertRule[];
	readonly capture: Capture;
	readonly alertCooldownMs: number;
	readonly failOn: readonly FailOn[];
	readonly confirmWithGc: boolean;
	/** Bytes between allocation samples; undefined: no sampling, no top records. */
	readonly sampleIntervalBytes?: number;
	readonly outDir: string;
}

/** Run until done; resolves with the process exit code. Connection failures reject (the CLI maps them to 3). */
export async function runHeadless(source: TargetSource, options: HeadlessOptions): Promise<number> {
	// A reader that goes away (memtop --json | head) ends the run quietly, as it ends `yes | head`.
	let outputClosed = false;
	const write = options.write ?? ((line: string) => void (outputClosed || process.stdout.write(line + '\n')));
	const emit = (record: object) => write(JSON.stringify(record));
	const history = new History();
	let finish: (reason: EndReason, detail?: string) => void = () => {};
	const finished = new Promise<[EndReason, string | undefined]>((resolve) => {
		finish = (reason, detail) => resolve([reason, detail]);
	});
	const onOutputError = (error: NodeJS.ErrnoException) => {
		outputClosed = true;
		finish(error.code === 'EPIPE' ? 'output-closed' : 'error', error.message);
	};
	if (!options.write) process.stdout.on('error', onOutputError);

	let info: TargetInfo | undefined;
	const session = new Session(source, { intervalMs: options.intervalMs, connectTimeoutMs: options.connectTimeoutMs, reconnect: false }, {
		onTarget: (target) => {
			info = target;
			emit(targetRecord(target));
		},
		onReading: (reading) => {
			const tick = history.addReading(reading);
			emit(sampleRecord(tick, history.gcEvents, options.windowMs));
			watchdog.onTick(tick);
		},
		onGap: (t) => emit(sampleRecord(history.addGap(t), history.gcEvents, options.windowMs)),
		onGc: (events, dropped) => {
			watchdog.onGc(events);
			history.addGcEvents(events, dropped);
			for (const event of events) emit(gcRecord(event));
		},
		onState: (state, detail) => {
			if (state === 'exited' || state === 'disconnected') finish('target-exit', detail);
		},
	});

	const onSignal = () => finish('signal');
	process.once('SIGINT', onSignal);
	process.once('SIGTERM', onSignal);
	const timer = options.durationMs !== undefined ? setTimeout(() => finish('duration'), options.durationMs) : undefined;
	// The allocation top, as on the screen: one "top" record per read of the sampler.
	const target = { target: session, get info() { return info; } };
	const top = options.sampleIntervalBytes === undefined ? undefined
		: new LiveTop(target, options.outDir, options.sampleIntervalBytes, (status) => emit(topRecord(status)));
	if (top) top.windowMs = options.windowMs;
	const handleStacks = new HandleStacks(target);
	const watchdog = new Watchdog(history, target, { liveTop: top, handleStacks }, { windowMs: options.windowMs, rules: options.alerts, capture: options.capture, cooldownMs: options.alertCooldownMs, outDir: options.outDir, confirmWithGc: options.confirmWithGc }, (alert) => emit(alertRecord(alert)));
	const started = Date.now();
	try {
		await session.start();
		top?.start();
		const [reason, detail] = await finished;
		top?.stop();
		await watchdog.settled(); // an alert's capture under way is finished and reported before the summary
		await handleStacks.finish();
		await session.stop();
		const suspects = top?.status.suspects;
		emit(summaryRecord(Date.now() - started, watchdog.report, suspects, watchdog.alerts.length, handleStacks.status.report));
		emit(endRecord(reason, detail));
		const failed = (options.failOn.includes('leak') && watchdog.report?.verdict === 'leak') || (options.failOn.includes('alert') && watchdog.alerts.length > 0);
		return failed ? EXIT.failOn : EXIT.ok;
	} finally {
		top?.stop();
		handleStacks.stop();
		clearTimeout(timer);
		process.off('SIGINT', onSignal);
		process.off('SIGTERM', onSignal);
		process.stdout.off('error', onOutputError);
	}
}
