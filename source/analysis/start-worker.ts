// A worker thread on one of this folder's modules, from built code or from the TypeScript sources under test.
import { Worker } from 'node:worker_threads';

/**
 * Start `module` (a sibling of this file, named without its extension) in a worker. Built code runs the .js
 * beside this file; tests run the .ts sources, loaded through tsx. When a module fails to load, its error is
 * posted on workerData.port and workerData.state[0] becomes 2, when the caller gave them (a caller blocked
 * waiting on state hears it); otherwise the worker's 'error' event says it.
 */
export function startWorker(module: string, workerData: Record<string, unknown>, transferList: Transferable[] = []): Worker {
	const fromSource = import.meta.url.endsWith('.ts');
	const entry = new URL(`./${module}${fromSource ? '.ts' : '.js'}`, import.meta.url).href;
	const load = fromSource ? `import('tsx/esm/api').then((tsx) => { tsx.register(); return import(${JSON.stringify(entry)}); })` : `import(${JSON.stringify(entry)})`;
	// A module that cannot load would leave a waiting caller waiting: its error goes where its answers go.
	// getBuiltinModule before require (Node 20.16 on): a parent started with --input-type=module passes that on,
	// and the script, read as a module then, would fail before it could say so, leaving its caller blocked.
	const script = `const { workerData } = process.getBuiltinModule?.('node:worker_threads') ?? require('node:worker_threads');
${load}.catch((error) => {
	if (!workerData.port) throw error;
	workerData.port.postMessage({ error: String(error && error.stack || error) });
	if (workerData.state) { Atomics.store(workerData.state, 0, 2); Atomics.notify(workerData.state, 0); }
});`;
	return new Worker(script, { eval: true, workerData, transferList: transferList as never });
}
