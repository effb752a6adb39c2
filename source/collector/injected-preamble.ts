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
