// Every flag memtop takes, once: its type, default and the line --help shows. Commands name the flags they
// accept (command-table.ts); meow parses them, and a flag given to a command that does not take it is refused.
import { DEFAULT_SAMPLE_INTERVAL } from '../watch/live-top-status.js';

export interface FlagSpec {
	readonly type: 'string' | 'boolean';
	readonly isMultiple?: boolean;
	readonly default?: string | boolean;
	/** The value's placeholder in --help ("PORT"); none for a switch. */
	readonly value?: string;
	/** What it does, for --help; a second line continues it. */
	readonly help: string;
	/** Shown as --no-NAME in help (a switch that is on by default). */
	readonly negated?: boolean;
	/** A one-letter alias (-h). */
	readonly shortFlag?: string;
}

/** Flags every command takes: they change how memtop itself behaves, not what it does. */
export const GLOBAL_FLAGS = ['help', 'version', 'color'] as const;

export const FLAGS = {
	inspect: { type: 'string', isMultiple: true, value: '[HOST:]PORT', help: 'inspector to attach to (host defaults to 127.0.0.1; alone: 127.0.0.1:9229, as\nfor node); repeatable, and a range such as 9229-9236 watches every target on those\nports (a cluster)' },
	pid: { type: 'string', value: 'N', help: 'a Node process started without --inspect: memtop opens its inspector on its\n--inspect-port (default 9229) and closes it again when it detaches' },
	ws: { type: 'string', value: 'URL', help: 'inspector WebSocket URL' },
	demo: { type: 'boolean', default: false, help: 'watch the bundled demo server' },
	target: { type: 'string', value: 'ID|TEXT', help: 'which target of /json/list (id or title substring); default: the first Node target' },
	allowRemote: { type: 'boolean', default: false, help: 'allow a host that is not loopback (an inspector is remote code execution)' },
	connectTimeout: { type: 'string', default: '5000', value: 'MS', help: 'how long to wait for an inspector to answer (default 5000)' },
	log: { type: 'string', value: 'FILE', help: "where a spawned command's output goes (default: a file in the temp directory)" },
	prometheus: { type: 'string', value: '[HOST:]PORT', help: 'serve /metrics in Prometheus text format for every target (host defaults to 127.0.0.1)' },
	interval: { type: 'string', default: '1000', value: 'MS', help: 'time between readings (default 1000)' },
	window: { type: 'string', default: '5m', value: 'DURATION', help: 'chart window, e.g. 90s, 5m, 1h (default 5m)' },
	duration: { type: 'string', value: 'SECONDS', help: 'stop after this long' },
	record: { type: 'string', value: 'FILE', help: 'also write the run to FILE as NDJSON (what --json writes) while the screen runs' },
	json: { type: 'boolean', default: false, help: 'one JSON object per line on stdout, no screen (automatic when stdout is not a terminal)' },
	outDir: { type: 'string', default: '.', value: 'DIR', help: 'where snapshots, profiles and alert captures go (default: the current directory;\nfiles are owner-only)' },
	out: { type: 'string', value: 'FILE', help: 'the file to write (a profile writes FILE.heapprofile and FILE.pb.gz)' },
	base: { type: 'string', value: 'FILE', help: 'compare with this older snapshot or profile (pprof -base)' },
	series: { type: 'string', default: 'heap,rss,external,gc,alloc,handles', value: 'LIST', help: 'what to draw: heap, rss, external, gc, alloc, handles (comma-separated; default all)' },
	top: { type: 'string', default: '25', value: 'N', help: 'rows to show (default 25)' },
	retainers: { type: 'string', value: 'NAME', help: 'the largest instances of constructor NAME and their paths from a root' },
	alloc: { type: 'boolean', default: false, help: 'count everything allocated, collected or not (default: what is still in use)' },
	sampleInterval: { type: 'string', default: String(DEFAULT_SAMPLE_INTERVAL), value: 'BYTES', help: `average bytes between allocation samples (default ${DEFAULT_SAMPLE_INTERVAL})` },
	sampling: { type: 'boolean', default: true, negated: true, help: "do not run V8's sampling heap profiler while watching (no allocation top, no p)" },
	alertHeap: { type: 'string', value: 'SIZE', help: 'alert when heap used goes over SIZE (500MiB)' },
	alertRss: { type: 'string', value: 'SIZE', help: 'alert when RSS goes over SIZE (1GiB)' },
	alertGcPause: { type: 'string', value: 'MS', help: 'alert on a GC pause longer than MS (100ms)' },
	alertAllocRate: { type: 'string', value: 'RATE', help: 'alert when allocation goes over RATE (50MiB/s)' },
	alertHandles: { type: 'string', value: 'N', help: 'alert when active handles go over N (1000)' },
	alertLoopDelay: { type: 'string', value: 'MS', help: 'alert when the event loop delay p99 goes over MS (200ms); a leak verdict is always an alert' },
	onAlert: { type: 'string', default: 'profile', value: 'WHAT', help: 'evidence an alert captures to --out-dir: profile (default), snapshot or none' },
	alertCooldown: { type: 'string', default: '5m', value: 'DUR', help: 'at most one capture per DUR (default 5m)' },
	confirmGc: { type: 'boolean', default: true, negated: true, help: 'never force a full GC to confirm a suspected heap leak (it stays inconclusive)' },
	failOn: { type: 'string', value: 'leak,alert', help: 'exit with code 4 if the run ends with a leak verdict / had any alert (for CI)' },
	color: { type: 'boolean', default: true, negated: true, help: 'no colour (as NO_COLOR=1 does; FORCE_COLOR=1 forces it on)' },
	help: { type: 'boolean', default: false, shortFlag: 'h', help: 'this help; memtop COMMAND --help for one command' },
	version: { type: 'boolean', default: false, help: "memtop's version" },
} as const satisfies Record<string, FlagSpec>;

export type FlagName = keyof typeof FLAGS;

/** "--out-dir" for outDir. */
export function kebab(name: string): string {
	return `--${name.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}`;
}

/** The flag a command-line word names, or undefined when it is not a flag: "--no-sampling" → sampling. */
export function flagOfWord(word: string): string | undefined {
	const match = /^--([a-z][a-z0-9-]*)(?:=.*)?$/.exec(word);
	if (!match) return undefined;
	const camel = (text: string) => text.replace(/-([a-z0-9])/g, (_, c: string) => c.toUpperCase());
	const name = camel(match[1]);
	if (name in FLAGS || !match[1].startsWith('no-')) return name;
	return camel(match[1].slice(3));
}
