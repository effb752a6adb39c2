// The JavaScript that memtop evaluates inside the target. It is a plain string, not a compiled function,
// so that no bundler or loader helper can leak into it. It must run on every Node >= 16 and install nothing
// that outlives memtop: everything hangs off one symbol-keyed global and `uninstall()` takes it all away, by
// itself too when memtop stops reading for `watchdogMs` (memtop killed: see the watchdog below).
//
// Allocation accounting (exact, not a heap-used delta): v8.GCProfiler records heap used before and after
// every GC, so bytes allocated between two readings = used(now) - used(prev) + sum(before - after) of the
// GCs in between. Readings and profiler drains happen in one synchronous step, so no GC slips between them.
//
// GC events: a PerformanceObserver gives each GC's start time, kind and pause; it is paired in order with
// the GCProfiler entry of the same GC (both hooks see every GC from the moment they were installed together)
// to add heap before/after. Events are batched and sent once per interval through a Runtime binding.

import { preamble } from './injected-preamble.js';

export const probeSource = String.raw`
(function memtopInstall(key, bindingName, intervalMs, watchdogMs, traceKey, ownsInspector) {
${preamble}
	const v8 = load('v8');
	const perf = load('perf_hooks');
	const MAX_PENDING = 5000;
	const KINDS = { 1: 'minor', 2: 'minor', 4: 'major', 8: 'incremental', 16: 'weakcb' };
	const PROFILER_KINDS = { Scavenge: 'minor', MinorMarkSweep: 'minor', MarkSweepCompact: 'major',
		IncrementalMarking: 'incremental', ProcessWeakCallbacks: 'weakcb' };
	let observed = [];
	let profiled = [];
	let dropped = 0;
	let freedSinceReading = 0;
	let lastUsed = -1;
	let lastTime = 0;
	let lastCpu = process.cpuUsage();
	let lastContact = Date.now();
	let flushTimer = null;
	const gcTotals = { count: 0, minor: 0, major: 0, incremental: 0, weakcb: 0, pauseMs: 0 };

	let profiler = null;
	if (typeof v8.GCProfiler === 'function') { profiler = new v8.GCProfiler(); profiler.start(); }
	const drainProfiler = () => {
		if (!profiler) return;
		// Start the next profiler before stopping this one: a GC in between is then recorded, not lost.
		const next = new v8.GCProfiler();
		next.start();
		const report = profiler.stop();
		profiler = next;
		for (const s of (report && report.statistics) || []) {
			const before = s.beforeGC.heapStatistics.usedHeapSize;
			const after = s.afterGC.heapStatistics.usedHeapSize;
			freedSinceReading += before - after;
			if (profiled.length < MAX_PENDING) profiled.push({ kind: PROFILER_KINDS[s.gcType], before, after });
		}
	};

	const pairEvents = () => {
		const out = [];
		for (const e of observed) {
			const p = profiled.length > 0 && profiled[0].kind === e.kind ? profiled.shift() : undefined;
			out.push(p ? Object.assign(e, { heapBefore: p.before, heapAfter: p.after }) : e);
		}
		observed = [];
		// The profiler runs ahead of the observer by the GCs not yet delivered; anything more is stale.
		if (profiled.length > 8) profiled = profiled.slice(-8);
		return out;
	};

	const flush = () => {
		flushTimer = null;
		if (Date.now() - lastContact > watchdogMs) return uninstall(true);
		drainProfiler();
		const events = pairEvents();
		const lost = dropped;
		dropped = 0;
		if (events.length === 0 && lost === 0) return;
		// A binding outlives no session: if memtop is gone, remove ourselves rather than throw in the target.
		const send = globalThis[bindingName];
		if (typeof send !== 'function') return uninstall(true);
		try { send(JSON.stringify({ events, dropped: lost })); } catch (e) { uninstall(true); }
	};

	// memtop gone without a word (killed, say) is noticed on a timer of the probe's own: GC events do not come
	// on an idle target. A check that itself ran late means the target was frozen (a heap snapshot), not memtop
	// gone: that starts the count again.
	const checkEvery = Math.min(10000, Math.max(50, watchdogMs / 3));
	let lastCheck = Date.now();
	const watchdog = setInterval(() => {
		const now = Date.now();
		if (now - lastCheck > 3 * checkEvery) lastContact = now;
		lastCheck = now;
		if (now - lastContact > watchdogMs) uninstall(true);
	}, checkEvery);
	if (watchdog.unref) watchdog.unref();

	const observer = new perf.PerformanceObserver((list) => {
		for (const entry of list.getEntries()) {
			const kind = KINDS[entry.detail ? entry.detail.kind : entry.kind] || 'minor';
			gcTotals.count++;
			gcTotals[kind]++;
			gcTotals.pauseMs += entry.duration;
			if (observed.length >= MAX_PENDING) { dropped++; continue; }
			observed.push({ t: perf.performance.timeOrigin + entry.startTime, kind, pauseMs: entry.duration });
		}
		if (flushTimer === null) { flushTimer = setTimeout(flush, intervalMs); flushTimer.unref(); }
	});
	observer.observe({ entryTypes: ['gc'] });

	const loopDelay = typeof perf.monitorEventLoopDelay === 'function' ? perf.monitorEventLoopDelay({ resolution: 10 }) : null;
	if (loopDelay) loopDelay.enable();

	const handles = () => {
		const counts = {};
		const add = (type) => { counts[type] = (counts[type] || 0) + 1; };
		if (typeof process.getActiveResourcesInfo === 'function') process.getActiveResourcesInfo().forEach(add);
		else {
			process._getActiveHandles().forEach((h) => add(h && h.constructor ? h.constructor.name : 'Unknown'));
			process._getActiveRequests().forEach((r) => add(r && r.constructor ? r.constructor.name : 'Unknown'));
		}
		return counts;
	};

	const read = () => {
		lastContact = Date.now();
		drainProfiler();
		const m = process.memoryUsage();
		const now = Date.now();
		const cpu = process.cpuUsage(lastCpu);
		const r = { t: now, heapUsed: m.heapUsed, heapTotal: m.heapTotal, heapLimit: v8.getHeapStatistics().heap_size_limit,
			rss: m.rss, external: m.external, arrayBuffers: m.arrayBuffers, handles: handles(), gc: Object.assign({}, gcTotals) };
		if (lastUsed >= 0 && profiler) r.allocatedBytes = Math.max(0, m.heapUsed - lastUsed + freedSinceReading);
		const used = process.cpuUsage(); // since the process started, as process_cpu_*_seconds_total counts it
		r.cpuUserSeconds = used.user / 1e6;
		r.cpuSystemSeconds = used.system / 1e6;
		if (lastTime > 0) {
			r.spanMs = now - lastTime;
			if (r.spanMs > 0) r.cpuPercent = ((cpu.user + cpu.system) / 1000 / r.spanMs) * 100;
		}
		if (loopDelay && loopDelay.count > 0) {
			r.loopDelayP50Ms = loopDelay.percentile(50) / 1e6;
			r.loopDelayP99Ms = loopDelay.percentile(99) / 1e6;
		}
		if (loopDelay) loopDelay.reset();
		lastUsed = m.heapUsed;
		lastTime = now;
		lastCpu = process.cpuUsage();
		freedSinceReading = 0;
		return r;
	};

	const info = () => ({ runtime: 'node', pid: process.pid, nodeVersion: process.version, title: process.title,
		argv: process.argv.slice(), startedAt: Date.now() - process.uptime() * 1000 });

	// Everything memtop put in goes: this probe, its binding, a handle tracer; when memtop is gone (orphaned) and it
	// opened the inspector itself (--pid), the inspector too: left open, it is a way into the process for anyone.
	function uninstall(orphaned) {
		observer.disconnect();
		if (profiler) { profiler.stop(); profiler = null; }
		if (loopDelay) loopDelay.disable();
		if (flushTimer !== null) clearTimeout(flushTimer);
		flushTimer = null;
		clearInterval(watchdog);
		const tracer = traceKey ? globalThis[Symbol.for(traceKey)] : undefined;
		if (tracer) tracer.uninstall();
		delete globalThis[KEY];
		delete globalThis[bindingName];
		if (orphaned === true && ownsInspector) { try { load('inspector').close(); } catch (e) {} }
		return true;
	}

	globalThis[KEY] = { read, info, uninstall };
	return true;
})`;
