// Several targets at once: the ports of a range (a cluster's workers), the children a spawned command starts,
// and the worker threads of any of them. Targets that come are added, targets that go stay listed with their
// history (up to a cap), so a restarted worker shows as a new row beside the one it replaced.
import { Signal, Store } from './store.js';
import { isWatchable, listTargets } from '../target/discover.js';
import type { Endpoint } from '../types.js';
import type { TargetSource } from '../target/session.js';
import { Watched, type WatchedListener, type WatchOptions } from './watched.js';

export type Origin = 'attached' | 'port' | 'child' | 'worker';

export interface Member {
	/** Unique for the fleet's life: an inspector's WebSocket URL, or a worker's place under its parent. */
	readonly key: string;
	readonly origin: Origin;
	readonly watched: Watched;
	readonly addedAt: number;
	/** Why it could not be attached, when it could not. */
	failure?: string;
}

/** How often the ports of a range are asked for targets that came. */
export const DISCOVER_MS = 2000;
/** Targets that went away stay listed, the oldest dropped first past this many. */
export const MAX_GONE = 32;
const NOTE_MS = 60_000;

/** A process memtop learned of but cannot watch: an attach that failed, a child whose inspector did not start. */
export interface Unwatched {
	readonly at: number;
	readonly key: string;
	readonly reason: string;
}

export class Fleet {
	readonly members: Member[] = [];
	/** The latest few, for the list's footer; a headless run writes each as it comes (notes). */
	readonly unwatched: Unwatched[] = [];
	/** Each process that cannot be watched, as it is learned of. */
	readonly notes = new Signal<Unwatched>();
	/** The members as the process list shows them, replaced when one joins or goes, or any of them moves. */
	private readonly store = new Store<readonly Member[]>([]);
	readonly subscribe = this.store.subscribe;
	readonly getSnapshot = this.store.getSnapshot;
	private timer: NodeJS.Timeout | undefined;
	private stopped = false;

	/**
	 * listenerFor: what a runner wants to hear of each member, asked once as the member joins.
	 * reconnect: the screen keeps trying the target named on the command line; a headless run ends with it.
	 */
	constructor(private readonly options: WatchOptions, private readonly listenerFor: (key: string) => WatchedListener = () => ({}), private readonly reconnect = true) {}

	/** Add a target and attach; resolves once attached, rejects with the attach error (the member stays, marked). */
	async add(key: string, source: TargetSource, origin: Origin): Promise<Member> {
		const known = this.members.find((m) => m.key === key);
		if (known) return known;
		if (this.stopped) throw new Error('memtop is detaching: no new targets');
		// Only the one target the user named is reconnected to; a member found on its own is a process, not a port.
		const member: Member = { key, origin, watched: new Watched(source, this.options, origin === 'attached' && this.reconnect ? undefined : false, this.listenerFor(key)), addedAt: Date.now() };
		this.members.push(member);
		member.watched.monitor.subscribe(this.changed);
		member.watched.watchdog.subscribe(this.changed);
		this.changed();
		// Each worker thread has a heap of its own: a target of its own, found through its parent's session.
		if (origin !== 'worker') {
			member.watched.monitor.workers.add((worker) => {
				const workerKey = `${key}#${worker.id}`;
				const taken = this.members.some((m) => m.key === workerKey); // a thread id seen before a reconnect
				const added = this.add(taken ? `${workerKey}@${Date.now()}` : workerKey, { kind: 'worker', worker }, 'worker');
				void added.then((thread) => member.watched.watchdog.addWorker(thread.watched.monitor), () => {});
			});
		}
		try {
			await member.watched.start();
		} catch (error) {
			member.failure = (error as Error).message;
			this.note(key, `not attached: ${member.failure}`);
			throw error;
		} finally {
			this.prune();
		}
		// Attached while the fleet was stopping: stop() has passed this member by, so it is detached here.
		if (this.stopped) await member.watched.stop();
		return member;
	}

	/** The latest process that cannot be watched, for a minute after it was learned of: the list's footer. */
	recentNote(now: number): string | undefined {
		const note = this.unwatched.at(-1);
		return note && now - note.at < NOTE_MS ? note.reason : undefined;
	}

	/** Record a process that cannot be watched, and say so. */
	note(key: string, reason: string): void {
		const note = { at: Date.now(), key, reason };
		this.unwatched.push(note);
		if (this.unwatched.length > MAX_GONE) this.unwatched.shift();
		this.notes.emit(note);
		this.changed();
	}

	/** Ask every endpoint for its targets now and every DISCOVER_MS; new ones are added (errors are silence). */
	discover(endpoints: readonly Endpoint[]): void {
		const round = async () => {
			await Promise.all(endpoints.map(async (endpoint) => {
				const targets = await listTargets(endpoint, Math.min(1000, this.options.connectTimeoutMs)).catch(() => []);
				for (const target of targets.filter(isWatchable)) {
					if (this.stopped) return;
					if (!this.members.some((m) => m.key === target.webSocketDebuggerUrl)) {
						await this.add(target.webSocketDebuggerUrl, { kind: 'ws', url: target.webSocketDebuggerUrl }, 'port').catch(() => {});
					}
				}
			}));
			if (!this.stopped) this.timer = setTimeout(() => void round(), DISCOVER_MS);
		};
		void round();
	}

	private prune(): void {
		const gone = this.members.filter(isGone);
		for (const member of gone.slice(0, Math.max(0, gone.length - MAX_GONE))) {
			this.members.splice(this.members.indexOf(member), 1);
			this.changed();
			void member.watched.stop();
		}
	}

	private readonly changed = () => this.store.set([...this.members]);

	/** Detach from every target (spawned ones are stopped). */
	async stop(): Promise<void> {
		this.stopped = true;
		clearTimeout(this.timer);
		// Worker threads first: their clean-up goes through their parent's connection, which must still be open.
		await Promise.all(this.members.filter((m) => m.origin === 'worker').map((m) => m.watched.stop()));
		await Promise.all(this.members.filter((m) => m.origin !== 'worker').map((m) => m.watched.stop()));
	}
}

/** --fail-on: true when any target ended with a leak verdict, or had an alert, as the run asked. */
export function failsOn(failOn: readonly ('leak' | 'alert')[], members: readonly Member[]): boolean {
	const watchdogs = members.map((m) => m.watched.watchdog);
	return (failOn.includes('leak') && watchdogs.some((w) => w.report?.verdict === 'leak')) || (failOn.includes('alert') && watchdogs.some((w) => w.alerts.length > 0));
}

/** A member that exited, lost its connection for good, or never attached. */
export function isGone(member: Member): boolean {
	const state = member.watched.monitor.state;
	return member.failure !== undefined || state === 'exited' || (state === 'disconnected' && !member.watched.monitor.reconnects);
}
