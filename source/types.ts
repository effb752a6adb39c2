// Readonly data records shared by collector, model and views. A field that could not be read is absent.

export type GcKind = 'minor' | 'major' | 'incremental' | 'weakcb';

/** One garbage collection, as observed inside the target. */
export interface GcEvent {
	readonly t: number; // ms since the epoch, when the GC started
	readonly kind: GcKind;
	readonly pauseMs: number;
	readonly heapBefore?: number;
	readonly heapAfter?: number;
}

/** What runs the target: each gives some figures and not others, and memtop shows only what it gives. */
export type Runtime = 'node' | 'deno' | 'browser';

/** What the target process says about itself, read once per connection. */
export interface TargetInfo {
	readonly runtime: Runtime;
	/** Absent for a browser page: a page cannot see its renderer's pid. */
	readonly pid?: number;
	/** The runtime's version: Node's "v20.20.2", Deno's "2.9.6", the browser's product "Chrome/156...". */
	readonly nodeVersion: string;
	readonly title: string;
	readonly argv: readonly string[];
	readonly url: string; // the inspector's WebSocket URL
	readonly startedAt: number; // ms since the epoch, from the target's uptime
	/** Set for a worker thread: it shares the process (pid, RSS) but has a heap of its own. */
	readonly thread?: ThreadInfo;
}

export interface ThreadInfo {
	readonly id: string; // threadId
	readonly title: string; // "[worker 1]"
	readonly url: string; // its script
}

/** One reading of the target, taken in a single synchronous step inside it. */
export interface Reading {
	readonly t: number;
	readonly heapUsed: number;
	readonly heapTotal: number;
	// Absent where the runtime does not give them (a browser page has no RSS of its own; Deno no array buffers).
	readonly heapLimit?: number;
	readonly rss?: number;
	readonly external?: number;
	readonly arrayBuffers?: number;
	/** Bytes allocated on the JS heap since the previous reading; absent on the first. */
	readonly allocatedBytes?: number;
	/** Wall time covered by allocatedBytes and cpuPercent. */
	readonly spanMs?: number;
	/** Active handles by type (Node); absent where the runtime cannot list them. */
	readonly handles?: Readonly<Record<string, number>>;
	/** A browser page's DOM: nodes, event listeners, documents (Performance.getMetrics). */
	readonly dom?: { readonly nodes: number; readonly listeners: number; readonly documents: number };
	/** GC counters since the probe was installed (cumulative, per connection). */
	readonly gc?: GcTotals;
	readonly loopDelayP50Ms?: number;
	readonly loopDelayP99Ms?: number;
	readonly cpuPercent?: number;
	/** CPU time the process has used since it started (process.cpuUsage()). */
	readonly cpuUserSeconds?: number;
	readonly cpuSystemSeconds?: number;
}

export interface GcTotals {
	readonly count: number;
	readonly minor: number;
	readonly major: number;
	readonly incremental: number;
	readonly weakcb: number;
	readonly pauseMs: number;
}

export type ConnectionState = 'connecting' | 'live' | 'busy' | 'disconnected' | 'exited';

/** A labelled point in time drawn on every chart. */
export interface Marker {
	readonly t: number;
	readonly label: string; // one character on the chart, e.g. 'G' for a forced GC
	readonly text: string;
}

/** An inspector's address. */
export interface Endpoint {
	readonly host: string;
	readonly port: number;
}

/** What the handle tracer found: creation stacks of resources still alive, most common first. */
export interface HandleTraceReport {
	readonly startedAt: number;
	readonly stoppedAt: number | null;
	readonly seen: number; // resources of the traced types created while tracing
	readonly dropped: number; // not noted: the entry cap was reached
	readonly alive: number;
	readonly stacks: readonly { readonly type: string; readonly count: number; readonly stack: readonly string[] }[];
}
