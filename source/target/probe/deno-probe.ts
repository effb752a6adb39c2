// What memtop evaluates inside a Deno target: Deno.memoryUsage() and V8's own heap statistics, nothing else.
// Deno has no GC events or handle lists that memtop could trust, so a reading has no such fields (never 0s).
// Same shape as the Node probe (info, read, uninstall under one symbol-keyed global), so the Connection reads
// both the same way; uninstall() takes it all away.
export const denoProbeSource = String.raw`
(function memtopDenoInstall(key) {
	const KEY = Symbol.for(key);
	if (globalThis[KEY]) globalThis[KEY].uninstall();
	const v8 = typeof process === 'object' && typeof process.getBuiltinModule === 'function' ? process.getBuiltinModule('node:v8') : undefined;
	const heapStats = () => { try { return v8 ? v8.getHeapStatistics() : undefined; } catch { return undefined; } };
	const cpu = () => (typeof process === 'object' && typeof process.cpuUsage === 'function' ? process.cpuUsage() : undefined);
	// Like the Node probe, the first reading has no rates: there is nothing to compare it with yet.
	let lastAllocated;
	let lastCpu;
	let lastTime = Date.now();
	globalThis[KEY] = {
		info: () => ({ runtime: 'deno', pid: Deno.pid, nodeVersion: Deno.version.deno, title: 'deno', argv: ['deno', Deno.mainModule, ...Deno.args],
			startedAt: Math.round(performance.timeOrigin) }),
		read: () => {
			const now = Date.now();
			const memory = Deno.memoryUsage();
			const stats = heapStats();
			const reading = { t: now, heapUsed: memory.heapUsed, heapTotal: memory.heapTotal, rss: memory.rss, external: memory.external, heapLimit: stats?.heap_size_limit };
			// V8 counts every byte it allocated: the difference is exact, collected or not.
			const allocated = typeof stats?.total_allocated_bytes === 'number' ? stats.total_allocated_bytes : undefined;
			const used = cpu();
			if (lastAllocated !== undefined && allocated !== undefined) Object.assign(reading, { allocatedBytes: allocated - lastAllocated, spanMs: now - lastTime });
			if (lastCpu && used && now > lastTime) reading.cpuPercent = ((used.user - lastCpu.user + used.system - lastCpu.system) / 1000 / (now - lastTime)) * 100;
			lastAllocated = allocated;
			lastCpu = used;
			lastTime = now;
			return reading;
		},
		uninstall: () => { delete globalThis[KEY]; },
	};
	return true;
})`;
