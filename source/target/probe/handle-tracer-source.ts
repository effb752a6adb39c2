// The JavaScript memtop evaluates in the target to learn where leaking handles come from: an async_hooks hook
// that notes the creation stack of each new async resource of the types asked for, forgets it when the resource
// is destroyed, and so holds exactly the ones still alive. Bounded in time (it switches itself off) and in
// entries; everything hangs off one symbol-keyed global and `uninstall()` removes it. While it is on, the
// target pays for a stack trace per new resource of those types, and async_hooks' promise tracking.

import { preamble } from './injected-preamble.js';

export const handleTracerSource = String.raw`
(function memtopTraceHandles(key, types, forMs, maxEntries, frames) {
${preamble}
	const asyncHooks = load('async_hooks');
	const wanted = new Set(types);
	const live = new Map();
	let seen = 0;
	let dropped = 0;
	const startedAt = Date.now();
	let stoppedAt = null;
	// Program frames only: not this hook, not Node's own modules.
	const programFrames = (stack) => String(stack).split('\n').slice(1)
		.map((l) => l.trim().replace(/^at /, ''))
		.filter((l) => !/node:|memtopTraceHandles|<anonymous>|^init /.test(l))
		.slice(0, frames);
	const hook = asyncHooks.createHook({
		init(asyncId, type) {
			if (!wanted.has(type)) return;
			seen++;
			if (live.size >= maxEntries) { dropped++; return; }
			const holder = {};
			const limit = Error.stackTraceLimit;
			Error.stackTraceLimit = frames + 12;
			Error.captureStackTrace(holder);
			Error.stackTraceLimit = limit;
			live.set(asyncId, { type, stack: holder.stack });
		},
		destroy(asyncId) { live.delete(asyncId); },
	});
	hook.enable();
	const stop = () => {
		if (stoppedAt !== null) return;
		hook.disable();
		clearTimeout(timer);
		stoppedAt = Date.now();
	};
	const timer = setTimeout(stop, forMs);
	if (timer.unref) timer.unref();
	function report() {
		const groups = new Map();
		for (const { type, stack } of live.values()) {
			const lines = programFrames(stack);
			const k = type + '\n' + lines.join('\n');
			const g = groups.get(k);
			if (g) g.count++; else groups.set(k, { type, count: 1, stack: lines });
		}
		return { startedAt, stoppedAt, seen, dropped, alive: live.size, stacks: [...groups.values()].sort((a, b) => b.count - a.count).slice(0, 20) };
	}
	function uninstall() {
		stop();
		live.clear();
		delete globalThis[KEY];
	}
	globalThis[KEY] = { report, stop, uninstall };
	return true;
})
`;
