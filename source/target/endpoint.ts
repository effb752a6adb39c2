// Parsing and vetting where the inspector is. Pure: no sockets here.
import { UsageError } from '../errors.js';
import type { Endpoint } from '../types.js';


const LOOPBACK = /^(127\.\d{1,3}\.\d{1,3}\.\d{1,3}|localhost|::1|\[::1\])$/i;

/** Parse `--inspect [host:]port`; the host defaults to loopback. Throws UsageError naming the fix. */
export function parseInspect(value: string): Endpoint {
	const text = value.trim();
	const colon = text.lastIndexOf(':');
	const host = colon >= 0 ? text.slice(0, colon) : '127.0.0.1';
	const portText = colon >= 0 ? text.slice(colon + 1) : text;
	if (!/^\d+$/.test(portText)) {
		throw new UsageError(`--inspect expects [host:]port, e.g. --inspect 9229 or --inspect 127.0.0.1:9229; got "${value}"`);
	}
	const port = Number(portText);
	if (port < 1 || port > 65535) throw new UsageError(`--inspect port must be between 1 and 65535; got ${port}`);
	if (host === '') throw new UsageError(`--inspect has an empty host in "${value}"`);
	return { host: host.replace(/^\[(.*)\]$/, '$1'), port };
}

/** Ports one range may span: a cluster's workers, not a port scan. */
export const MAX_RANGE = 256;

/** Parse one `--inspect` value: `[host:]port` or `[host:]first-last` (a cluster's consecutive ports). */
export function parseInspectRange(value: string): Endpoint[] {
	const range = /^(.*?)(\d+)-(\d+)$/.exec(value.trim());
	if (!range) return [parseInspect(value)];
	const first = parseInspect(`${range[1]}${range[2]}`);
	const last = Number(range[3]);
	if (last < first.port || last > 65535) throw new UsageError(`--inspect range ${value} must go up, and end at most at 65535`);
	if (last - first.port + 1 > MAX_RANGE) throw new UsageError(`--inspect range ${value} spans ${last - first.port + 1} ports; at most ${MAX_RANGE} (a cluster's workers, not a port scan)`);
	return Array.from({ length: last - first.port + 1 }, (_, i) => ({ host: first.host, port: first.port + i }));
}

/** Parse `--ws ws://host:port/id` into its endpoint. */
export function parseWsUrl(value: string): Endpoint & { url: string } {
	let url: URL;
	try {
		url = new URL(value);
	} catch {
		throw new UsageError(`--ws expects a ws:// URL such as ws://127.0.0.1:9229/<id>; got "${value}"`);
	}
	if (url.protocol !== 'ws:' && url.protocol !== 'wss:') {
		throw new UsageError(`--ws expects a ws:// URL; got "${value}"`);
	}
	const port = url.port ? Number(url.port) : url.protocol === 'wss:' ? 443 : 80;
	return { host: url.hostname.replace(/^\[(.*)\]$/, '$1'), port, url: value };
}

/** True when the host is this machine's loopback interface. */
export function isLoopback(host: string): boolean {
	return LOOPBACK.test(host);
}

export const remoteWarning = (host: string) =>
	`warning: connecting to ${host}, which is not loopback. An inspector port runs any code it is sent: ` +
	`anyone who can reach ${host} can take over that process. Prefer an SSH tunnel to 127.0.0.1.`;

/** Refuse non-loopback hosts unless the user said --allow-remote. */
export function vetHost(host: string, allowRemote: boolean): void {
	if (isLoopback(host) || allowRemote) return;
	throw new UsageError(
		`refusing to connect to ${host}: it is not loopback, and an exposed inspector means remote code execution. ` +
			`Tunnel it (ssh -L 9229:127.0.0.1:9229 host) and use --inspect 9229, or pass --allow-remote if you mean it.`,
	);
}
