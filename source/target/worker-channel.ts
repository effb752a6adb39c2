// A worker thread's inspector session, carried inside its parent's (the NodeWorker domain): the same send /
// 'event' / 'disconnect' / close shape as a chrome-remote-interface client, so a Connection works over either.
import { EventEmitter } from 'node:events';
import { plainText } from './target-values.js';

/** What a Connection needs of a protocol client; chrome-remote-interface's Client has it. */
export interface ProtocolClient {
	send(method: string, params?: object): Promise<unknown>;
	on(event: 'event', listener: (message: { method: string; params: Record<string, unknown> }) => void): unknown;
	on(event: 'disconnect', listener: () => void): unknown;
	close(): Promise<void>;
}

/** A worker thread as its parent's inspector announced it (NodeWorker.attachedToWorker). */
export interface WorkerTarget {
	readonly id: string; // the worker's threadId
	readonly title: string; // "[worker 1]"
	readonly url: string; // its script
	readonly channel: WorkerChannel;
}

export class WorkerChannel extends EventEmitter implements ProtocolClient {
	private nextId = 0;
	private readonly pending = new Map<number, { resolve(value: unknown): void; reject(error: Error): void }>();
	private ended = false;

	constructor(private readonly parent: ProtocolClient, readonly sessionId: string) {
		super();
	}

	send(method: string, params: object = {}): Promise<unknown> {
		if (this.ended) return Promise.reject(new Error('the worker thread is gone'));
		const id = ++this.nextId;
		return new Promise((resolve, reject) => {
			this.pending.set(id, { resolve, reject });
			this.parent.send('NodeWorker.sendMessageToWorker', { sessionId: this.sessionId, message: JSON.stringify({ id, method, params }) }).catch((error: Error) => {
				this.pending.delete(id);
				reject(error);
			});
		});
	}

	/** A message from the worker (NodeWorker.receivedMessageFromWorker): an answer, or an event. */
	deliver(text: string): void {
		const message = JSON.parse(text) as { id?: number; result?: unknown; error?: { message: string }; method?: string; params?: Record<string, unknown> };
		if (message.id !== undefined) {
			const waiting = this.pending.get(message.id);
			this.pending.delete(message.id);
			if (message.error) waiting?.reject(new Error(message.error.message));
			else waiting?.resolve(message.result);
		} else if (message.method) {
			this.emit('event', { method: message.method, params: message.params ?? {} });
		}
	}

	/** The worker exited or the parent's connection went: pending calls fail, listeners hear 'disconnect'. */
	end(): void {
		if (this.ended) return;
		this.ended = true;
		for (const waiting of this.pending.values()) waiting.reject(new Error('the worker thread is gone'));
		this.pending.clear();
		this.emit('disconnect');
	}

	/** Detach from the worker; it runs on. */
	async close(): Promise<void> {
		if (this.ended) return;
		this.ended = true;
		await this.parent.send('NodeWorker.detach', { sessionId: this.sessionId }).catch(() => {});
	}
}

/**
 * A worker's threadId and title from what the inspector says of it. Its `workerId` is only the order in which
 * the inspector attached (the second worker to start can be 1); the title holds the threadId ("[worker 2]"),
 * and from Node 24 the worker's name too, "WorkerThread" unless the program gave one, which says nothing.
 */
export function workerIdentity(info: { workerId: string; title: string }): { id: string; title: string } {
	const match = /^\[worker (\d+)\](?: (.*))?$/.exec(info.title);
	if (!match) return { id: info.workerId, title: info.title };
	const name = match[2] === undefined || match[2] === 'WorkerThread' ? '' : ` ${match[2]}`;
	return { id: match[1], title: `[worker ${match[1]}]${name}` };
}

/**
 * Hear of the client's worker threads: NodeWorker.enable, then a WorkerChannel per worker that attaches,
 * fed its messages and ended when the worker or the parent's connection goes. Returns how to stop.
 */
export async function watchWorkers(client: ProtocolClient, onWorker: (worker: WorkerTarget) => void): Promise<{ end(): void }> {
	const channels = new Map<string, WorkerChannel>();
	const endAll = () => {
		for (const channel of channels.values()) channel.end();
		channels.clear();
	};
	client.on('event', ({ method, params }) => {
		if (method === 'NodeWorker.attachedToWorker') {
			const raw = (params.workerInfo ?? {}) as Record<string, unknown>;
			const info = { workerId: plainText(raw.workerId, 32) ?? '', title: plainText(raw.title, 256) ?? '', url: plainText(raw.url) ?? '' };
			const channel = new WorkerChannel(client, params.sessionId as string);
			channels.set(channel.sessionId, channel);
			onWorker({ ...workerIdentity(info), url: info.url, channel });
		} else if (method === 'NodeWorker.receivedMessageFromWorker') {
			channels.get(params.sessionId as string)?.deliver(params.message as string);
		} else if (method === 'NodeWorker.detachedFromWorker') {
			channels.get(params.sessionId as string)?.end();
			channels.delete(params.sessionId as string);
		}
	});
	client.on('disconnect', endAll);
	// Workers are not paused for us: a monitor must not change when a thread starts.
	await client.send('NodeWorker.enable', { waitForDebuggerOnStart: false });
	return { end: endAll };
}
