// chrome-remote-interface's client with a WebSocket of memtop's own terms. Its own socket accepts messages of
// up to 256 MB, follows redirects, and parses every message with a bare JSON.parse, so a peer that sends text
// that is not JSON crashes the process with an uncaught SyntaxError, and one that sends 32-64 MB frames takes it
// past a gigabyte. Here: messages of at most MAX_MESSAGE_BYTES (a sampling profile or a big script's source
// stay under it), large ones only as answers or snapshot chunks, no redirects, a bounded handshake; anything
// else ends the connection with the reason, which every pending call then fails with.
import { EventEmitter } from 'node:events';
import WebSocket from 'ws';
// The client class itself (the package's index only wraps it in a promise); its protocol handling is kept.
import Chrome from 'chrome-remote-interface/lib/chrome.js';
import { formatBytes } from '../model/format.js';

export const MAX_MESSAGE_BYTES = 64 * 1024 * 1024;
/** Larger than any event the protocol sends memtop but a snapshot chunk (about 1 MB each). */
const LARGE_MESSAGE = 4 * 1024 * 1024;

/** What chrome-remote-interface's Chrome gives a subclass. */
interface ChromeInternals {
	webSocketUrl: string;
	_ws: WebSocket | undefined;
	_handleMessage(message: object): void;
	_callbacks: Record<string, (error: Error) => void>;
	emit(event: string, ...args: unknown[]): boolean;
	close(): Promise<void>;
}

class BoundedChrome extends (Chrome as unknown as new (options: object, notifier: EventEmitter) => ChromeInternals) {
	private broken: string | undefined;

	constructor(options: object, notifier: EventEmitter, private readonly handshakeMs: number) {
		super(options, notifier);
	}

	_connectToWebSocket(): Promise<void> {
		return new Promise((resolve, reject) => {
			let socket: WebSocket;
			try {
				socket = new WebSocket(this.webSocketUrl, [], { maxPayload: MAX_MESSAGE_BYTES, perMessageDeflate: false, followRedirects: false, handshakeTimeout: this.handshakeMs });
			} catch (error) {
				return reject(error);
			}
			this._ws = socket;
			socket.on('open', () => resolve());
			socket.on('message', (data: WebSocket.Data) => {
				const text = String(data);
				// Only an answer (a sampling profile, a script's source) or a snapshot chunk is ever large; anything
				// else that big is refused before it is parsed, which would cost ten times its size.
				if (text.length > LARGE_MESSAGE && !/^\{"id":\d+,/.test(text) && !text.startsWith('{"method":"HeapProfiler.addHeapSnapshotChunk"')) {
					return this.end(`the inspector sent ${formatBytes(text.length)} that answer nothing memtop asked: a broken or hostile endpoint`);
				}
				let message: { id?: unknown; method?: unknown };
				try {
					message = JSON.parse(text);
				} catch {
					return this.end('the inspector sent a message that is not JSON: it is not a Node inspector, or a broken one');
				}
				if (typeof message !== 'object' || message === null || (typeof message.id !== 'number' && typeof message.method !== 'string')) {
					return this.end('the inspector sent a message that is neither an answer nor an event: it is not a Node inspector, or a broken one');
				}
				this._handleMessage(message);
			});
			socket.on('close', () => {
				const error = new Error(this.broken ?? 'WebSocket connection closed');
				for (const callback of Object.values(this._callbacks)) callback(error);
				this._callbacks = {};
				this.emit('disconnect');
			});
			socket.on('error', (error: Error & { code?: string }) => {
				// ws names an oversized message this way; say what it means.
				if (error.code === 'WS_ERR_UNSUPPORTED_MESSAGE_LENGTH' || /max payload size exceeded/i.test(error.message)) {
					this.broken = `the inspector sent a message over ${MAX_MESSAGE_BYTES / 1024 / 1024} MiB, more than the protocol needs: a broken or hostile endpoint`;
				}
				reject(error);
			});
		});
	}

	/** End the connection because of what the peer sent; pending calls fail with `reason`. */
	private end(reason: string): void {
		if (this.broken) return;
		this.broken = reason;
		this._ws?.terminate();
	}
}

/** Connect to a WebSocket debugger URL: chrome-remote-interface's client, on the bounded socket. */
export function connectClient(wsUrl: string, handshakeMs: number): Promise<unknown> {
	return new Promise((resolve, reject) => {
		const notifier = new EventEmitter();
		notifier.once('connect', resolve);
		notifier.once('error', reject);
		new BoundedChrome({ target: wsUrl, local: true }, notifier, handshakeMs);
	});
}
