// Find the inspector target behind host:port by asking its /json/list, and explain every way that fails.
import http from 'node:http';
import { isLoopback } from './endpoint.js';
import type { Endpoint } from '../types.js';
import { plainText } from './target-values.js';
import { ConnectError } from '../errors.js';

export interface TargetEntry {
	readonly id: string;
	readonly title: string;
	readonly type: string;
	readonly url: string;
	readonly webSocketDebuggerUrl: string;
}


const hostPort = (e: Endpoint) => (e.host.includes(':') ? `[${e.host}]:${e.port}` : `${e.host}:${e.port}`);

function getJson(endpoint: Endpoint, path: string, timeoutMs: number): Promise<unknown> {
	const where = hostPort(endpoint);
	return new Promise((resolve, reject) => {
		const silent = () => new ConnectError(`no answer from ${where} within ${timeoutMs / 1000} s: something listens there but it does not speak the inspector protocol. ` +
			`Check the port, or raise --connect-timeout for a very busy target.`);
		// `timeout` only notices a silent socket; a body that trickles in a byte at a time needs a deadline too.
		let answering = false;
		const deadline = setTimeout(() => request.destroy(answering ? new ConnectError(`${where} did not finish answering ${path} within ${timeoutMs / 1000} s: ` +
			'it does not behave like a Node inspector. Check the port, or raise --connect-timeout for a very busy target.') : silent()), timeoutMs);
		const request = http.get({ host: endpoint.host, port: endpoint.port, path, timeout: timeoutMs }, (response) => {
			answering = true;
			let body = '';
			response.setEncoding('utf8');
			response.on('data', (chunk: string) => {
				body += chunk;
				if (body.length > 1_000_000) request.destroy(new ConnectError(`${where} sent an oversized answer to ${path}`));
			});
			response.on('end', () => {
				clearTimeout(deadline);
				if (response.statusCode !== 200) {
					return reject(new ConnectError(`${where} answers HTTP but is not a Node inspector (GET ${path} gave ${response.statusCode}). ` +
						`Check the port: the inspector prints "Debugger listening on ws://..." when it starts.`));
				}
				try {
					resolve(JSON.parse(body));
				} catch {
					reject(new ConnectError(`${where} answers HTTP but not with inspector JSON on ${path}; is this the inspector port?`));
				}
			});
		});
		request.on('timeout', () => request.destroy(silent()));
		request.on('error', (error: NodeJS.ErrnoException) => {
			clearTimeout(deadline);
			if (error instanceof ConnectError) return reject(error);
			if (error.code === 'ECONNREFUSED') {
				return reject(new ConnectError(`nothing is listening on ${where}. Start the target with ` +
					`node --inspect=${endpoint.port} app.js, or let memtop start it: memtop -- node app.js`));
			}
			if (error.code === 'HPE_INVALID_CONSTANT' || error.code?.startsWith('HPE_')) {
				return reject(new ConnectError(`${where} is not an HTTP server, so not a Node inspector (${error.code}). Check the port.`));
			}
			reject(new ConnectError(`cannot reach ${where}: ${error.message}`));
		});
	});
}

/**
 * List the targets of the inspector at endpoint. Each names the WebSocket to connect to; that address is
 * vetted like a typed one (see webSocketHostRefusal) before anything is looked up or connected.
 */
export async function listTargets(endpoint: Endpoint, timeoutMs: number): Promise<TargetEntry[]> {
	const list = await getJson(endpoint, '/json/list', timeoutMs);
	if (!Array.isArray(list) || list.some((t) => typeof t?.webSocketDebuggerUrl !== 'string')) {
		throw new ConnectError(`${hostPort(endpoint)} answered /json/list with something that is not an inspector target list.`);
	}
	// Its texts reach the terminal (the process list, --target's error): plain text only.
	const targets = (list as Record<string, unknown>[]).map((t) => ({
		id: plainText(t.id, 256) ?? '', title: plainText(t.title, 256) ?? '', type: plainText(t.type, 32) ?? '', url: plainText(t.url) ?? '',
		webSocketDebuggerUrl: t.webSocketDebuggerUrl as string,
	}));
	for (const target of targets) {
		const refusal = webSocketHostRefusal(endpoint, target.webSocketDebuggerUrl);
		if (refusal) throw new ConnectError(refusal);
	}
	return targets;
}

/**
 * Why not to follow a WebSocket address an inspector's list names, or undefined when it is fine: it must be a
 * ws:// URL on loopback or on the very host asked (one typed with --allow-remote). An inspector is remote
 * code execution, and a list is only what a server says: it must not lead memtop anywhere else.
 */
export function webSocketHostRefusal(endpoint: Endpoint, url: string): string | undefined {
	let host: string;
	try {
		const parsed = new URL(url);
		if (parsed.protocol !== 'ws:' && parsed.protocol !== 'wss:') return `${hostPort(endpoint)} lists a target at ${JSON.stringify(url.slice(0, 200))}, which is not a ws:// address; refusing it.`;
		host = parsed.hostname.replace(/^\[(.*)\]$/, '$1');
	} catch {
		return `${hostPort(endpoint)} lists a target at ${JSON.stringify(url.slice(0, 200))}, which is not a URL; refusing it.`;
	}
	if (isLoopback(host) || host === endpoint.host) return undefined;
	return `refusing to connect to ${host}: the inspector at ${hostPort(endpoint)} names it for a target, and it is neither loopback nor the host ` +
		`you asked for (an inspector is remote code execution). To watch a process on ${host}, ask for it yourself: --inspect ${host}:PORT --allow-remote.`;
}

/** Targets worth watching: Node and Deno processes, browser pages, Electron webviews (not a browser's own UI). */
export const isWatchable = (target: TargetEntry) => ['node', 'page', 'webview'].includes(target.type);

/** Choose by id or title substring, else the first Node target, else the first page. */
export function chooseTarget(targets: readonly TargetEntry[], selector: string | undefined, where: string): TargetEntry {
	if (targets.length === 0) throw new ConnectError(`the inspector at ${where} lists no targets to attach to.`);
	if (selector === undefined) return targets.find((t) => t.type === 'node') ?? targets.find(isWatchable) ?? targets[0];
	const wanted = selector.toLowerCase();
	const found = targets.find((t) => t.id === selector) ?? targets.find((t) => t.title.toLowerCase().includes(wanted));
	if (found) return found;
	const names = targets.map((t) => `${t.id} (${t.title})`).join(', ');
	throw new ConnectError(`no target matches --target "${selector}" at ${where}. Targets: ${names}`);
}
