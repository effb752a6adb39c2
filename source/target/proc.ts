// What Linux's /proc says about a process: its program, its Node options, and the TCP ports it listens on.
// The parsers are pure and exported for tests; the readers return undefined where /proc does not let us look.
import fs from 'node:fs';

export interface ProcessFacts {
	/** The program's path (/proc/N/exe), or argv[0] when the link is not ours to read. */
	readonly program: string;
	readonly args: readonly string[];
	/** NODE_OPTIONS from its environment; undefined when unreadable or unset. */
	readonly nodeOptions?: string;
}

/** Facts about pid, or undefined if no such process exists. */
export function readProcess(pid: number): ProcessFacts | undefined {
	let cmdline: string;
	try {
		cmdline = fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8');
	} catch (error) {
		if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
		throw error;
	}
	const args = cmdline.split('\0').filter((arg, i, all) => arg !== '' || i < all.length - 1);
	let program = args[0] ?? '';
	try {
		program = fs.readlinkSync(`/proc/${pid}/exe`);
	} catch {
		// another user's process: argv[0] is all we get
	}
	return { program, args: args.slice(1), nodeOptions: environValue(pid, 'NODE_OPTIONS') };
}

function environValue(pid: number, name: string): string | undefined {
	try {
		const entry = fs.readFileSync(`/proc/${pid}/environ`, 'utf8').split('\0').find((e) => e.startsWith(`${name}=`));
		return entry?.slice(name.length + 1);
	} catch {
		return undefined;
	}
}

/** Node's own flags: those before the script name (or until `--`). Flags that take a separate value keep it. */
export function nodeFlags(args: readonly string[], nodeOptions = ''): string[] {
	const takesValue = /^(-r|--require|--import|--loader|--experimental-loader|-e|--eval|-p|--print|--inspect-port|--debug-port|--title|-C|--conditions|--env-file)$/;
	const flags = nodeOptions.split(/\s+/).filter(Boolean);
	for (let i = 0; i < args.length; i++) {
		const arg = args[i];
		if (arg === '--' || !arg.startsWith('-')) break;
		flags.push(arg);
		if (takesValue.test(arg) && i + 1 < args.length) flags.push(args[++i]);
	}
	return flags;
}

/**
 * The host and port the inspector uses: `--inspect-port=[host:]port` (or `--debug-port`), or the value of an
 * `--inspect[-brk|-wait]=[host:]port` it was started with (the last one wins, as in Node), else 127.0.0.1:9229.
 */
export function signalledInspector(flags: readonly string[]): { host: string; port: number } {
	let value: string | undefined;
	for (let i = 0; i < flags.length; i++) {
		const port = /^--(?:inspect|debug)-port(?:=(.*))?$/.exec(flags[i]);
		if (port) value = port[1] ?? flags[i + 1];
		const inspect = /^--inspect(?:-brk|-wait)?=(.+)$/.exec(flags[i]);
		if (inspect) value = inspect[1];
	}
	if (value === undefined) return { host: '127.0.0.1', port: 9229 };
	const colon = value.lastIndexOf(':');
	const host = colon >= 0 ? value.slice(0, colon).replace(/^\[(.*)\]$/, '$1') : '127.0.0.1';
	return { host, port: Number(colon >= 0 ? value.slice(colon + 1) : value) };
}

/** Listening TCP sockets in /proc/net/tcp or tcp6 text: socket inode -> local port. */
export function parseListening(text: string): Map<number, number> {
	const listening = new Map<number, number>();
	for (const line of text.split('\n').slice(1)) {
		const fields = line.trim().split(/\s+/);
		// local_address is HEXIP:HEXPORT, st 0A is LISTEN, the inode is the tenth field.
		if (fields.length < 10 || fields[3] !== '0A') continue;
		listening.set(Number(fields[9]), parseInt(fields[1].split(':').pop()!, 16));
	}
	return listening;
}

/** Socket inodes of pid's open files; empty when they are not ours to read. */
function socketInodes(pid: number): Set<number> {
	const inodes = new Set<number>();
	let fds: string[];
	try {
		fds = fs.readdirSync(`/proc/${pid}/fd`);
	} catch {
		return inodes;
	}
	for (const fd of fds) {
		try {
			const match = /^socket:\[(\d+)\]$/.exec(fs.readlinkSync(`/proc/${pid}/fd/${fd}`));
			if (match) inodes.add(Number(match[1]));
		} catch {
			// closed while we looked
		}
	}
	return inodes;
}

function allListening(): Map<number, number> {
	const all = new Map<number, number>();
	for (const file of ['/proc/net/tcp', '/proc/net/tcp6']) {
		try {
			for (const [inode, port] of parseListening(fs.readFileSync(file, 'utf8'))) all.set(inode, port);
		} catch {
			// no IPv6 on this machine
		}
	}
	return all;
}

/** The TCP ports pid listens on. */
export function listeningPorts(pid: number): Set<number> {
	const mine = socketInodes(pid);
	const ports = new Set<number>();
	for (const [inode, port] of allListening()) if (mine.has(inode)) ports.add(port);
	return ports;
}

/** True when some socket on this machine listens on port (whoever owns it). */
export function portListened(port: number): boolean {
	return [...allListening().values()].includes(port);
}
