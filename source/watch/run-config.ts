// The configuration of one run of the live watch (screen or headless), as the flags gave it: what to watch,
// how often, what to alert on and where files go. Built and validated by commands/config-from-flags.ts.
import type { AlertRule } from '../model/alerts.js';
import type { Endpoint } from '../types.js';
import type { Where } from '../target/open-source.js';
import type { Capture } from './watchdog.js';

export type FailOn = 'leak' | 'alert';

export interface RunConfig {
	readonly where: Where;
	readonly intervalMs: number;
	readonly windowMs: number;
	readonly durationMs?: number;
	readonly connectTimeoutMs: number;
	readonly json: boolean;
	readonly logFile?: string;
	/** --record: the NDJSON of the run, written beside the screen. */
	readonly recordFile?: string;
	/** Where heap snapshots go. */
	readonly outDir: string;
	/** Bytes between allocation samples on average; undefined: sampling is off (--no-sampling). */
	readonly sampleIntervalBytes?: number;
	/** Thresholds that raise an alert; the leak verdict is always one. */
	readonly alerts: readonly AlertRule[];
	/** What an alert captures, and how often at most. */
	readonly capture: Capture;
	readonly alertCooldownMs: number;
	/** Which outcomes make the run exit with code 4 (for CI). */
	readonly failOn: readonly FailOn[];
	/** Force spaced-out full GCs to confirm a suspected heap leak (off: such cases stay inconclusive). */
	readonly confirmWithGc: boolean;
	/** Where to serve /metrics (--prometheus); port 0 lets the system choose. */
	readonly prometheus?: Endpoint;
	/** A warning to print before connecting (non-loopback host allowed by --allow-remote). */
	readonly warning?: string;
}
