// A fleet's members as the figures /metrics serves: the latest reading, the GC pause histogram and the verdict.
import type { Member } from '../watch/fleet.js';
import { isGone } from '../watch/fleet.js';
import type { TargetMetrics } from './prometheus-text.js';

/** Gone members are left out: their series end, as Prometheus expects of a target that went away. */
export function fleetMetrics(members: readonly Member[]): TargetMetrics[] {
	return members.filter((m) => !isGone(m) && m.watched.monitor.info !== undefined).map((member) => {
		const { monitor, gcPauses, watchdog } = member.watched;
		const info = monitor.info!;
		const latest = monitor.history.latest();
		const port = /^wss?:\/\/[^/]*:(\d+)\//.exec(info.url)?.[1] ?? '';
		return {
			labels: { pid: info.pid === undefined ? '' : String(info.pid), title: info.title, runtime: info.runtime, port, thread: info.thread?.id ?? 'main' },
			up: monitor.state === 'live',
			reading: latest?.reading,
			allocRate: latest?.allocRate,
			gcPauses,
			verdict: watchdog.report?.verdict,
		};
	});
}
