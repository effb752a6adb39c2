// One live inspector connection: attach, install the probe, read, force a GC, and detach leaving nothing behind.
import type CDP from 'chrome-remote-interface';
import { connectClient } from './bounded-client.js';
import { randomBytes } from 'node:crypto';
import { probeSource } from './probe/probe-source.js';
import { fromEventLoop } from './probe/injected-preamble.js';
import { handleTracerSource } from './probe/handle-tracer-source.js';
import { ConnectError, SamplerBusyError } from '../errors.js';
import { withTimeout } from './with-timeout.js';
import type { GcEvent, HandleTraceReport, Reading, Runtime, TargetInfo, ThreadInfo } from '../types.js';
import { watchWorkers, type ProtocolClient, type WorkerTarget } from './worker-channel.js';
import { checkedGcBatch, checkedInfo, checkedReading, loadedScript, type EvalResult, type LoadedScript, type SnapshotSink } from './target-values.js';
import { snapshotInTargetSource } from './probe/snapshot-in-target.js';
import { browserInfo, browserRead, RUNTIME_EXPRESSION } from './browser-reading.js';
import { denoProbeSource } from './probe/deno-probe.js';
import type { SamplingProfile } from '../model/profile/sampling-profile.js';

type Client = ProtocolClient;

export interface ConnectionHandlers {
	onGcBatch(events: GcEvent[], dropped: number): void;
	/** The target is about to exit and waits for us to let go (NodeRuntime.waitingForDisconnect). */
	onTargetWantsExit(): void;
	onDisconnect(): void;
	/** A worker thread of the target attached (absent: worker threads are not watched). */
	onWorker?(worker: WorkerTarget): void;
}

export class Connection {
	private readonly key: string;
	private readonly traceKey: string;
	private readonly binding: string;
	private closed = false;
	private sampling = false; // memtop started the target's sampler: stop it when detaching
	private snapshotSink: SnapshotSink | undefined;
	private scriptSink: ((script: LoadedScript) => void) | undefined;
	private workers: { end(): void } | undefined;
	/** Set on connecting: which probe, if any, goes in. */
	private runtime: Runtime = 'node';

	/** thread: set when this is a worker thread's session, carried in its parent's. */
	private constructor(private readonly client: Client, readonly wsUrl: string, private readonly thread?: ThreadInfo) {
		// Unique per connection, so two memtops on one target never share a probe.
		const id = randomBytes(6).toString('hex');
		this.key = `memtop.probe.${id}`;
		this.traceKey = `memtop.handles.${id}`;
		this.binding = `__memtop_gc_${id}`;
	}

	/**
	 * Connect to wsUrl and install the probe. `ownsInspector`: memtop opened the target's inspector (--pid), so the
	 * probe closes it if memtop vanishes.
	 */
	static async open(wsUrl: string, intervalMs: number, handlers: ConnectionHandlers, timeoutMs = 5000, ownsInspector = false): Promise<Connection> {
		let client: CDP.Client;
		try {
			client = await withTimeout(connectClient(wsUrl, timeoutMs) as Promise<CDP.Client>, timeoutMs, `the WebSocket handshake with ${wsUrl} did not finish within ${timeoutMs / 1000} s`);
		} catch (error) {
			throw error instanceof ConnectError ? error : new ConnectError(`cannot open the inspector WebSocket ${wsUrl}: ${(error as Error).message}. ` +
				`Another debugger may hold it, or the target is gone; check the URL from "Debugger listening on ...".`);
		}
		return Connection.over(client as unknown as Client, wsUrl, intervalMs, handlers, undefined, ownsInspector);
	}

	/** Install the probe over a client that is connected already: a WebSocket's, or a worker thread's channel. */
	static async over(client: Client, wsUrl: string, intervalMs: number, handlers: ConnectionHandlers, thread?: ThreadInfo, ownsInspector = false): Promise<Connection> {
		const connection = new Connection(client, wsUrl, thread);
		client.on('disconnect', () => {
			if (!connection.closed) handlers.onDisconnect();
		});
		client.on('event', (event) => {
			const message = event as { method: string; params: { name?: string; payload?: string; chunk?: string; done?: number; total?: number } };
			if (message.method === 'HeapProfiler.addHeapSnapshotChunk') connection.snapshotSink?.chunk(message.params.chunk ?? '');
			else if (message.method === 'HeapProfiler.reportHeapSnapshotProgress') connection.snapshotSink?.progress(message.params.done ?? 0, message.params.total ?? 0);
			else if (message.method === 'Debugger.scriptParsed') connection.scriptSink?.(loadedScript(message.params));
			else if (message.method === 'Runtime.bindingCalled' && message.params.name === connection.binding) {
				const batch = checkedGcBatch(message.params.payload);
				handlers.onGcBatch(batch.events, batch.dropped);
			} else if (message.method === 'NodeRuntime.waitingForDisconnect') {
				handlers.onTargetWantsExit();
			}
		});
		try {
			connection.runtime = (await connection.evaluate(RUNTIME_EXPRESSION)) as Runtime;
			await connection.install(intervalMs, ownsInspector);
			// Only Node has the NodeWorker domain.
			if (handlers.onWorker && connection.runtime === 'node') connection.workers = await watchWorkers(client, handlers.onWorker);
		} catch (error) {
			await connection.close().catch(() => {});
			// The peer broke off or answered nonsense while memtop attached: a failure to connect, said as such.
			throw error instanceof ConnectError ? error : new ConnectError(`cannot attach to ${wsUrl}: ${(error as Error).message}`);
		}
		return connection;
	}

	private send<T>(method: string, params: object = {}): Promise<T> {
		return (this.client as unknown as { send(m: string, p: object): Promise<T> }).send(method, params);
	}

	/**
	 * `commandLineApi` puts the console's helpers (among them `require` on Node < 20.16) in scope: only the
	 * install needs them, and building that scope on every reading is work the target would pay for.
	 */
	private async evaluate(expression: string, commandLineApi = false, awaitPromise = false): Promise<unknown> {
		const answer = await this.send<EvalResult>('Runtime.evaluate', { expression, returnByValue: true, includeCommandLineAPI: commandLineApi, silent: true, awaitPromise });
		if (answer.exceptionDetails) {
			throw new Error(answer.exceptionDetails.exception?.description ?? answer.exceptionDetails.text);
		}
		return answer.result.value;
	}

	private installed: { intervalMs: number; ownsInspector: boolean } | undefined;

	private async install(intervalMs: number, ownsInspector: boolean): Promise<void> {
		this.installed = { intervalMs, ownsInspector };
		if (this.runtime === 'browser') return void (await this.send('Performance.enable'));
		if (this.runtime === 'deno') return void (await this.evaluate(`${denoProbeSource}(${JSON.stringify(this.key)})`));
		// No Runtime.enable: bindingCalled arrives without it, and enabling would stream the target's console to us.
		await this.send('NodeRuntime.notifyWhenWaitingForDisconnect', { enabled: true }).catch(() => {});
		// Removed first: a binding the probe deleted when it removed itself is only put back by a fresh add.
		await this.send('Runtime.removeBinding', { name: this.binding }).catch(() => {});
		await this.send('Runtime.addBinding', { name: this.binding });
		const watchdogMs = Math.max(30_000, intervalMs * 10);
		const args = [this.key, this.binding, intervalMs, watchdogMs, this.traceKey, ownsInspector].map((a) => JSON.stringify(a)).join(',');
		// A target started with --inspect-brk waits for a debugger; memtop is not one, so let it run: first, since
		// the install waits for the event loop, which a waiting target has not started.
		await this.send('Runtime.runIfWaitingForDebugger').catch(() => {});
		await this.evaluate(fromEventLoop(`${probeSource}(${args})`), true, true);
	}

	/** The target's identity. */
	async info(): Promise<TargetInfo> {
		if (this.runtime === 'browser') return { ...checkedInfo(await browserInfo((m, p) => this.send(m, p))), url: this.wsUrl };
		const value = checkedInfo(await this.evaluate(`globalThis[Symbol.for(${JSON.stringify(this.key)})].info()`));
		return { ...value, url: this.wsUrl, ...(this.thread ? { thread: this.thread } : {}) };
	}

	/** One reading, taken in a single synchronous step inside the target. */
	async read(): Promise<Reading> {
		if (this.runtime === 'browser') return checkedReading(await browserRead((m, p) => this.send(m, p)));
		const read = `(globalThis[Symbol.for(${JSON.stringify(this.key)})] || { read: () => null }).read()`;
		let value = await this.evaluate(read);
		// The probe removed itself: memtop stopped reading past its watchdog (suspended with Ctrl-Z, say). Put it back.
		if (value === null && this.installed && this.runtime === 'node') {
			await this.install(this.installed.intervalMs, this.installed.ownsInspector);
			value = await this.evaluate(read);
		}
		return checkedReading(value);
	}

	/** A full, major GC (HeapProfiler.collectGarbage). */
	async collectGarbage(): Promise<void> {
		await this.send('HeapProfiler.collectGarbage');
	}

	/**
	 * Take a heap snapshot, handing each chunk to the sink as it arrives: nothing is joined in memory. No timeout:
	 * a big heap takes minutes, and the target is frozen meanwhile. Rejects if the connection drops.
	 */
	async takeHeapSnapshot(sink: SnapshotSink): Promise<void> {
		if (this.snapshotSink) throw new Error('a heap snapshot is already being taken');
		this.snapshotSink = sink;
		try {
			await this.send('HeapProfiler.takeHeapSnapshot', { reportProgress: true, captureNumericValue: false });
		} finally {
			this.snapshotSink = undefined;
		}
	}

	/** Have V8 write its heap snapshot into file inside the target, if it sees file holding token: true if it did. */
	async snapshotInTarget(file: string, token: string): Promise<boolean> {
		return this.runtime === 'node' && (await this.evaluate(snapshotInTargetSource(file, token))) === true;
	}

	/**
	 * Start V8's sampling heap profiler: one sample per `intervalBytes` allocated on average. `alloc` keeps
	 * samples of collected objects too (everything allocated), else only live ones (in use). There is one
	 * sampler per isolate: if another client runs it, V8 refuses and the error says so.
	 */
	async startSampling(intervalBytes: number, alloc: boolean): Promise<void> {
		// V8 does not refuse a second start: it quietly shares the running sampler, and our stop would end the
		// other tool's profile. Asking for a profile first tells (it fails when no sampler runs).
		const running = await this.send('HeapProfiler.getSamplingProfile').then(() => true, () => false);
		if (running) throw new SamplerBusyError('another tool (DevTools, a profiler library) is running the target\'s sampling heap profiler, and a process has only one; stop it there first');
		await this.send('HeapProfiler.startSampling', { samplingInterval: intervalBytes, includeObjectsCollectedByMajorGC: alloc, includeObjectsCollectedByMinorGC: alloc });
		this.sampling = true;
	}

	/** What the running sampler holds now; it keeps running. */
	async readSamplingProfile(): Promise<SamplingProfile> {
		return (await this.send<{ profile: SamplingProfile }>('HeapProfiler.getSamplingProfile')).profile;
	}

	/**
	 * Stop our sampler and start it again at once: returns what it held, and the target forgets it. With `alloc`
	 * V8 keeps every sample until sampling stops, so reading this way keeps the target's memory bounded.
	 */
	async restartSampling(intervalBytes: number, alloc: boolean): Promise<SamplingProfile> {
		const profile = await this.stopSampling();
		await this.send('HeapProfiler.startSampling', { samplingInterval: intervalBytes, includeObjectsCollectedByMajorGC: alloc, includeObjectsCollectedByMinorGC: alloc });
		this.sampling = true;
		return profile;
	}

	/** A script's source text. */
	scriptSource(scriptId: string): Promise<string> {
		return this.withDebugger(async () => (await this.send<{ scriptSource: string }>('Debugger.getScriptSource', { scriptId })).scriptSource);
	}

	/** Every script the target has parsed, with its source map's URL: V8 names each as the Debugger domain turns on. */
	async scripts(): Promise<LoadedScript[]> {
		const found: LoadedScript[] = [];
		this.scriptSink = (script) => found.push(script);
		try {
			await this.withDebugger(async () => {});
		} finally {
			this.scriptSink = undefined;
		}
		return found;
	}

	/**
	 * The Debugger domain is on only for `use`: enabled, it would slow the target and stop it at a `debugger;`
	 * statement, so pauses are skipped while it is on.
	 */
	private async withDebugger<T>(use: () => Promise<T>): Promise<T> {
		await this.send('Debugger.enable');
		try {
			await this.send('Debugger.setSkipAllPauses', { skip: true });
			return await use();
		} finally {
			await this.send('Debugger.disable').catch(() => {});
		}
	}

	/**
	 * Note the creation stack of every new async resource of these async_hooks types for `forMs`, keeping those
	 * not yet destroyed (see handle-tracer-source.ts). Replaces a trace under way.
	 */
	async startHandleTrace(asyncTypes: readonly string[], forMs: number, maxEntries = 10_000, frames = 8): Promise<void> {
		const args = [this.traceKey, asyncTypes, forMs, maxEntries, frames].map((a) => JSON.stringify(a)).join(',');
		await this.evaluate(`${handleTracerSource}(${args})`, true);
	}

	/** Creation stacks of the traced resources still alive, grouped and counted. */
	async handleTraceReport(): Promise<HandleTraceReport> {
		const report = await this.evaluate(`(globalThis[Symbol.for(${JSON.stringify(this.traceKey)})] || { report() { return null; } }).report()`);
		if (!report) throw new Error('no handle trace is running in the target');
		return report as HandleTraceReport;
	}

	/** Remove the tracer from the target. */
	async endHandleTrace(): Promise<void> {
		await this.evaluate(`(globalThis[Symbol.for(${JSON.stringify(this.traceKey)})] || { uninstall() {} }).uninstall()`);
	}

	/** Stop the sampler and return what it collected. */
	async stopSampling(): Promise<SamplingProfile> {
		const { profile } = await this.send<{ profile: SamplingProfile }>('HeapProfiler.stopSampling');
		this.sampling = false;
		return profile;
	}

	/**
	 * Remove everything memtop put into the target, then close the socket. Bounded: a stuck target cannot hold us.
	 * `cleanup: false` only closes: a target that is exiting must not run our JS (Node 20 crashes in teardown).
	 * `closeInspector`: memtop opened the target's inspector (--pid), so it closes it too, once this socket is gone.
	 */
	async close(timeoutMs = 2000, cleanup = true, closeInspector = false): Promise<void> {
		if (this.closed) return;
		this.closed = true;
		if (!cleanup) {
			this.workers?.end();
			return this.client.close().catch(() => {});
		}
		const uninstall = async () => {
			if (this.sampling) await this.stopSampling();
			if (this.runtime === 'browser') return void (await this.send('Performance.disable'));
			await this.evaluate(`(globalThis[Symbol.for(${JSON.stringify(this.key)})] || { uninstall() {} }).uninstall()`);
			await this.evaluate(`(globalThis[Symbol.for(${JSON.stringify(this.traceKey)})] || { uninstall() {} }).uninstall()`);
			// removeBinding stops future contexts from getting it; the global it already made is deleted by uninstall().
			await this.send('Runtime.removeBinding', { name: this.binding });
			await this.send('NodeRuntime.notifyWhenWaitingForDisconnect', { enabled: false });
			if (this.workers) await this.send('NodeWorker.disable');
			// inspector.close() from inside our own session would cut the reply off: let the target do it just after.
			// The module is looked up now, while the console's require is in scope (Node < 20.16 has no getBuiltinModule).
			if (closeInspector) {
				await this.evaluate(`((inspector) => void setTimeout(() => inspector.close(), 100).unref())(typeof process.getBuiltinModule === 'function' ? process.getBuiltinModule('node:inspector') : require('node:inspector'))`, true);
			}
		};
		await withTimeout(uninstall(), timeoutMs, 'cleanup timed out').catch(() => {});
		this.workers?.end(); // after our cleanup, which a worker's own session may still have been using
		await this.client.close().catch(() => {});
	}
}
