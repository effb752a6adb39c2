// `--pid N`: open the inspector of a Node process started without one, the way `node inspect -p` does
// (SIGUSR1), and find the port it opened. Every way that fails is a ConnectError naming what to do instead.
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { listTargets } from './discover.js';
import { listeningPorts, nodeFlags, portListened, readProcess, signalledInspector, type ProcessFacts } from './proc.js';
import { isLoopback } from './endpoint.js';
import type { Endpoint } from '../types.js';
import { ConnectError } from '../errors.js';

export interface PidInspector {
	readonly endpoint: Endpoint;
	/** memtop opened it, so memtop closes it when it detaches; an inspector that was already open stays. */
	readonly openedByUs: boolean;
}

const NODE_PROGRAM = /^(node|nodejs)(\d+(\.\d+)*)?$/;

/** Check that pid is a Node process that SIGUSR1 will give an inspector; returns the host and port to expect. */
export function vetPid(pid: number, facts: ProcessFacts | undefined, ourExecPath = process.execPath): Endpoint & { readonly startedWith: boolean } {
	if (!facts) throw new ConnectError(`no such process: ${pid}. Find the pid with: pgrep -a node`);
	const program = path.basename(facts.program);
	if (!NODE_PROGRAM.test(program) && facts.program !== ourExecPath) {
		// SIGUSR1's default action is to terminate: never send it to a program we cannot tell is Node.
		throw new ConnectError(`process ${pid} is not a Node process (it runs ${facts.program || 'an unknown program'}), ` +
			`and SIGUSR1 would terminate most other programs. If it embeds Node, start it with --inspect and use --inspect PORT.`);
	}
	const flags = nodeFlags(facts.args, facts.nodeOptions);
	if (flags.includes('--disable-sigusr1')) {
		throw new ConnectError(`process ${pid} was started with --disable-sigusr1, so it cannot open an inspector on request. ` +
			`Restart it with --inspect (or without --disable-sigusr1).`);
	}
	return { ...signalledInspector(flags), startedWith: flags.some((flag) => /^--inspect(-brk|-wait)?(=|$)/.test(flag)) };
}

/** The first of ports whose /json/list answers: how to find an inspector started on port 0. */
async function answeringInspector(host: string, ports: Iterable<number>): Promise<number | undefined> {
	for (const port of ports) {
		if (await listTargets({ host, port }, 500).then(() => true, () => false)) return port;
	}
	return undefined;
}

/** Why --pid cannot work on this platform, or undefined where it can: it reads the process in /proc. */
export function pidUnsupported(platform: NodeJS.Platform): string | undefined {
	if (platform === 'linux') return undefined;
	return `--pid reads the process from /proc, which ${platform} does not have. Open its inspector yourself ` +
		`(kill -USR1 <pid>, or start it with --inspect) and run memtop --inspect 9229.`;
}

/** Ask pid to open its inspector and wait until it listens; timeoutMs bounds the wait. */
export async function openPidInspector(pid: number, timeoutMs: number, allowRemote = false): Promise<PidInspector> {
	const unsupported = pidUnsupported(process.platform);
	if (unsupported) throw new ConnectError(unsupported);
	const expected = vetPid(pid, readProcess(pid));
	// Opening an inspector that listens beyond loopback hands the process to anyone who can reach it.
	if (!isLoopback(expected.host) && !allowRemote) {
		throw new ConnectError(`process ${pid} is configured to open its inspector on ${expected.host}:${expected.port}, which is not loopback: ` +
			`anyone who can reach it could run code in that process. Restart it with --inspect-port=127.0.0.1:${expected.port}, or pass --allow-remote if you mean it.`);
	}
	const before = listeningPorts(pid);
	// Every-interface addresses include loopback: connect there.
	const host = ['0.0.0.0', '::'].includes(expected.host) ? '127.0.0.1' : expected.host;
	if (before.has(expected.port) && expected.port !== 0) return { endpoint: { host, port: expected.port }, openedByUs: false };
	if (expected.startedWith && expected.port === 0) {
		const port = await answeringInspector(host, before);
		if (port !== undefined) return { endpoint: { host, port }, openedByUs: false };
	}
	if (expected.port !== 0 && portListened(expected.port)) {
		throw new ConnectError(`port ${expected.port} is already taken by another process, so process ${pid} cannot open its inspector there ` +
			`(see which: ss -ltnp 'sport = :${expected.port}'). Stop that process, or restart ${pid} with --inspect-port=<free port>.`);
	}
	try {
		process.kill(pid, 'SIGUSR1');
	} catch (error) {
		const code = (error as NodeJS.ErrnoException).code;
		if (code === 'EPERM') throw new ConnectError(`permission denied signalling process ${pid}: it belongs to another user. Run memtop as that user (sudo -u <user> memtop --pid ${pid}).`);
		if (code === 'ESRCH') throw new ConnectError(`no such process: ${pid} (it exited).`);
		throw error;
	}
	const deadline = Date.now() + timeoutMs;
	while (Date.now() < deadline) {
		await sleep(50);
		const now = listeningPorts(pid);
		const opened = expected.port !== 0 ? (now.has(expected.port) ? expected.port : undefined) : [...now].find((port) => !before.has(port));
		if (opened !== undefined) return { endpoint: { host, port: opened }, openedByUs: true };
		if (readProcess(pid) === undefined) throw new ConnectError(`process ${pid} exited after SIGUSR1 instead of opening an inspector.`);
	}
	throw new ConnectError(`process ${pid} did not open an inspector within ${timeoutMs / 1000} s of SIGUSR1. ` +
		`It may handle SIGUSR1 itself (process.on('SIGUSR1')), or its port ${expected.port} may have been taken meanwhile; ` +
		`its own stderr says which. Restart it with --inspect instead.`);
}
