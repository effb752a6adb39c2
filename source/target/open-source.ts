// From "where" (flags) to a TargetSource the session can attach to; spawn mode starts the child here.
import os from 'node:os';
import path from 'node:path';
import { spawnTarget } from './spawn.js';
import { openPidInspector } from './pid-attach.js';
import type { TargetSource } from './session.js';
import type { Endpoint } from '../types.js';

/** Where to connect, as the flags said it. */
export type Where =
	| { kind: 'endpoint'; host: string; port: number; target?: string }
	/** Several inspectors, watched side by side: targets that come and go on them are added and kept. */
	| { kind: 'endpoints'; endpoints: Endpoint[] }
	| { kind: 'ws'; url: string }
	| { kind: 'pid'; pid: number; allowRemote: boolean }
	| { kind: 'spawn'; command: string; args: string[] };

/** Default log file for a spawned child: private, in the temp directory, named so it can be found. */
export const defaultLogFile = () => path.join(os.tmpdir(), `memtop-${process.pid}-${Date.now()}.log`);

/** One source; several inspectors (kind 'endpoints') are the fleet's to discover, not a single source. */
export async function openSource(where: Where, logFile: string = defaultLogFile(), connectTimeoutMs = 5000): Promise<TargetSource> {
	if (where.kind === 'endpoint') return { kind: 'endpoint', endpoint: { host: where.host, port: where.port }, target: where.target };
	if (where.kind === 'pid') {
		const opened = await openPidInspector(where.pid, connectTimeoutMs, where.allowRemote);
		return { kind: 'endpoint', endpoint: opened.endpoint, closeInspector: opened.openedByUs };
	}
	if (where.kind === 'ws') return { kind: 'ws', url: where.url };
	if (where.kind === 'endpoints') throw new Error('several inspectors are watched through a Fleet, not one source');
	const spawned = await spawnTarget(where.command, where.args, logFile);
	return { kind: 'spawned', spawned };
}
