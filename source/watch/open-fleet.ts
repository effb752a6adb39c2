// From the run configuration to a fleet with its first targets: one named target attached (its errors are the
// caller's, exit 3), or the inspectors of a range asked for theirs. A spawned command's children that announce
// an inspector of their own (cluster workers, forks) join as they come.
import { Fleet, type Unwatched } from './fleet.js';
import type { WatchedListener } from './watched.js';
import { openSource } from '../target/open-source.js';
import { isWatchable, listTargets } from '../target/discover.js';
import type { Endpoint } from '../types.js';
import type { RunConfig } from './run-config.js';

export interface OpenedFleet {
	readonly fleet: Fleet;
	/** The target named on the command line, when there was one: its dashboard opens first. */
	readonly initialKey?: string;
	/** What is being watched, in a few words, for the process list's title. */
	readonly caption: string;
	readonly logFile?: string;
}

/** listenerFor, reconnect: see Fleet. onUnwatched: told of each process that cannot be watched, from the start. */
export async function openFleet(config: RunConfig, listenerFor?: (key: string) => WatchedListener, reconnect = true, onUnwatched?: (note: Unwatched) => void): Promise<OpenedFleet> {
	const fleet = new Fleet(config, listenerFor, reconnect);
	if (onUnwatched) fleet.notes.add(onUnwatched);
	const where = config.where;
	if (where.kind === 'endpoints') {
		fleet.discover(where.endpoints);
		return { fleet, caption: `watching ${describeEndpoints(where.endpoints)}; targets join as their inspectors answer` };
	}
	// One port with several targets (a browser's pages): all of them, on the list. Its errors still end the run.
	if (where.kind === 'endpoint' && where.target === undefined) {
		const endpoint = { host: where.host, port: where.port };
		const targets = (await listTargets(endpoint, config.connectTimeoutMs)).filter(isWatchable);
		if (targets.length > 1) {
			fleet.discover([endpoint]);
			return { fleet, caption: `watching the ${targets.length} targets of ${describeEndpoints([endpoint])}; new ones join` };
		}
	}
	const source = await openSource(where, config.logFile, config.connectTimeoutMs);
	const key = source.kind === 'spawned' ? source.spawned.wsUrl : source.kind === 'ws' ? source.url
		: source.kind === 'endpoint' ? `${source.endpoint.host}:${source.endpoint.port}` : source.worker.url;
	// Children join while the command's own attach is under way: a cluster forks its workers at once.
	if (source.kind === 'spawned') {
		source.spawned.followChildren({
			inspector: (url) => void fleet.add(url, { kind: 'ws', url }, 'child').catch(() => {}),
			failed: (address, reason) => fleet.note(address, `a child's inspector could not start on ${address}: ${reason}`),
		});
	}
	try {
		await fleet.add(key, source, 'attached');
	} catch (error) {
		await fleet.stop();
		throw error;
	}
	return { fleet, initialKey: key, caption: source.kind === 'spawned' ? 'the spawned command and its children' : key, logFile: source.kind === 'spawned' ? source.spawned.logFile : undefined };
}

/** "127.0.0.1:9229-9236, 127.0.0.1:9300": consecutive ports as ranges. */
export function describeEndpoints(endpoints: readonly Endpoint[]): string {
	const parts: string[] = [];
	for (let i = 0; i < endpoints.length; i++) {
		let j = i;
		while (j + 1 < endpoints.length && endpoints[j + 1].host === endpoints[i].host && endpoints[j + 1].port === endpoints[j].port + 1) j++;
		const host = endpoints[i].host.includes(':') ? `[${endpoints[i].host}]` : endpoints[i].host;
		parts.push(j > i ? `${host}:${endpoints[i].port}-${endpoints[j].port}` : `${host}:${endpoints[i].port}`);
		i = j;
	}
	return parts.join(', ');
}
