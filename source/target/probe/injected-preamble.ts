// The start every script memtop evaluates in a target shares: replace an earlier copy of itself (one global per
// key, so a reconnect never stacks two), and a way to load Node's built-in modules on any Node >= 16, whether or
// not the evaluation scope has a require. Expects `key` in scope.
export const preamble = String.raw`
	const KEY = Symbol.for(key);
	if (globalThis[KEY]) globalThis[KEY].uninstall();
	const load = typeof process.getBuiltinModule === 'function'
		? (name) => process.getBuiltinModule(name)
		: typeof require === 'function' ? require
		: (name) => process.mainModule.require(name);`;

/**
 * An install that runs from the target's event loop rather than where the evaluation lands. An evaluation runs
 * at once, inside whatever JavaScript the target is running: a process still starting (a cluster worker) may be
 * half-way through loading Node's own modules, and loading 'v8' there fails ("Class extends value undefined").
 * A setImmediate runs once that synchronous work is done. `require` is taken now, while the console's helpers
 * are in scope, for Node < 20.16; an error is a rejected promise, never an uncaught exception in the target.
 */
export function fromEventLoop(call: string): string {
	return String.raw`((require) => new Promise((resolve, reject) => setImmediate(() => {
		try { resolve(${call}); } catch (error) { reject(error); }
	})))(typeof require === 'function' ? require : undefined)`;
}
