// A fleet's members as the figures /metrics serves: the latest reading, the counters since attaching, the GC pause
// histogram and the verdict.
import type { Member } from '../watch/fleet.js';
import { isGone } from '../watch/fleet.js';
import type { TargetMetrics } from './prometheus-text.js';

/** Gone members are left out: their series end, as Prometheus expects of a target that went away. */
export function fleetMetrics(members: readonly Member[]): TargetMetrics[] {
	return members.filter((m) => !isGone(m) && m.watched.monitor.info !== undefined).map((member) => {
		const { monitor, gcPauses, watchdog, totals } = member.watched;
		const info = monitor.info!;
		const latest = monitor.history.latest();
		const port = /^wss?:\/\/[^/]*:(\d+)\//.exec(info.url)?.[1] ?? '';
		return {
			labels: { pid: info.pid === undefined ? '' : String(info.pid), title: info.title, runtime: info.runtime, port, thread: info.thread?.id ?? 'main' },
			up: monitor.state === 'live',
			reading: latest?.reading,
			nodeVersion: info.runtime === 'node' ? info.nodeVersion : undefined,
			startedAt: info.startedAt,
			allocatedBytes: latest?.reading?.allocatedBytes === undefined && totals.allocatedBytes === 0 ? undefined : totals.allocatedBytes,
			heapAfterMajorGc: monitor.history.majorFloors.at(-1)?.heapAfter,
			gcPauses,
			verdict: watchdog.report?.verdict,
		};
	});
}
