// Where leaking handles come from: for a bounded time a tracer in the target notes the creation stack of each
// new async resource of the suspected types, and keeps those not yet destroyed; memtop reads what it holds
// every few seconds and removes it when the time is up. Started with h, or by the watchdog once a handle type
// is judged to leak.
import { Store } from './store.js';
import type { HandleTraceReport } from '../types.js';
import { asyncTypesOf, handleTypeOf, TRACE_MS } from '../model/handle-types.js';
import type { TopSource } from './live-top-status.js';
import { OriginalSource } from './original-source.js';

const READ_MS = 5000;

export interface HandleStacksStatus {
	readonly phase: 'idle' | 'recording' | 'done' | 'failed';
	/** Handle types traced, as getActiveResourcesInfo() names them. */
	readonly types: readonly string[];
	readonly until?: number;
	readonly report?: HandleTraceReport;
	readonly text?: string;
}

export class HandleStacks {
	private readonly store = new Store<HandleStacksStatus>({ phase: 'idle', types: [] });
	readonly subscribe = this.store.subscribe;
	readonly getSnapshot = this.store.getSnapshot;
	private timer: NodeJS.Timeout | undefined;
	private reading: Promise<void> = Promise.resolve();

	/** original: moves the creation stacks to the source maps' sources (shared with the live top). */
	constructor(private readonly source: TopSource, private readonly traceMs = TRACE_MS, private readonly original = new OriginalSource(() => source.session)) {}

	/** The trace now: idle, recording, or done with what it found. */
	get status(): HandleStacksStatus {
		return this.store.getSnapshot();
	}

	private set(status: Partial<HandleStacksStatus>): void {
		this.store.set({ ...this.status, ...status });
	}

	/** Start tracing these handle types (a trace under way is replaced). */
	async start(types: readonly string[]): Promise<void> {
		this.stopTimer();
		const until = Date.now() + this.traceMs;
		try {
			await this.source.session.startHandleTrace(asyncTypesOf(types), this.traceMs);
			this.set({ phase: 'recording', types, until, report: undefined, text: `recording where new ${types.join(', ')} handles are created, for ${this.traceMs / 1000} s` });
			this.timer = setInterval(() => {
				this.reading = this.read(Date.now() >= until);
			}, Math.min(READ_MS, this.traceMs));
		} catch (error) {
			this.set({ phase: 'failed', types, text: `could not trace handles: ${(error as Error).message}` });
		}
	}

	/** Read what the tracer holds now; when `last`, remove it from the target too. */
	private async read(last: boolean): Promise<void> {
		try {
			const report = await this.source.session.handleTraceReport();
			const stacks = await Promise.all(report.stacks.map(async (s) => ({ ...s, type: handleTypeOf(s.type), stack: await this.original.stack(s.stack) })));
			const shown = { ...report, stacks };
			if (last) {
				this.stopTimer();
				await this.source.session.endHandleTrace();
			}
			this.set({ report: shown, phase: last ? 'done' : 'recording', text: last ? `${report.alive} of the ${report.seen} handles created while recording are still alive` : undefined });
		} catch (error) {
			this.stopTimer();
			this.set({ phase: 'failed', text: `handle trace lost: ${(error as Error).message}` });
		}
	}

	/** Before detaching: read what a trace under way has found so far, and remove it. */
	async finish(): Promise<void> {
		await this.reading;
		if (this.status.phase === 'recording') await this.read(true);
		this.stopTimer();
	}

	stop(): void {
		this.stopTimer();
	}

	private stopTimer(): void {
		clearInterval(this.timer);
		this.timer = undefined;
	}
}
