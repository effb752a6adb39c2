// What `memtop snapshot` and `memtop profile` share: one target, opened from the flags, and a spawned one
// stopped again if the command fails.
import type { Invocation } from './command.js';
import { toRunConfig } from './config-from-flags.js';
import { DEMO_PATH } from './watch.js';
import { openSource } from '../target/open-source.js';
import type { TargetSource } from '../target/session.js';
import type { RunConfig } from '../watch/run-config.js';
import { UsageError } from '../errors.js';

/** Open the one target the flags name and run `use` on it. */
export async function onOneTarget<T>(name: string, { flags, command }: Invocation, use: (source: TargetSource, config: RunConfig) => Promise<T>): Promise<T> {
	const config = toRunConfig(flags, [...command], DEMO_PATH, false);
	if (config.where.kind === 'endpoints') throw new UsageError(`memtop ${name} works on one target: give one --inspect port, --pid, --ws or a command (not a range)`);
	if (config.warning) process.stderr.write(config.warning + '\n');
	const source = await openSource(config.where, config.logFile, config.connectTimeoutMs);
	try {
		return await use(source, config);
	} catch (error) {
		if (source.kind === 'spawned') await source.spawned.stop();
		throw error;
	}
}
