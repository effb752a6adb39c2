// A dashboard's props with half a minute of plausible history, for screens drawn without a target.
import type { DashboardProps } from '../../source/tui/components/dashboard.js';
import { History } from '../../source/model/history.js';

const MB = 1024 * 1024;
export function filled(): History {
	const h = new History();
	for (let i = 0; i < 30; i++) {
		h.addReading({ t: 1_000_000 + i * 1000, heapUsed: (20 + i) * MB, heapTotal: 64 * MB, heapLimit: 4096 * MB, rss: 120 * MB, external: 2 * MB,
			arrayBuffers: MB, allocatedBytes: 5 * MB, spanMs: 1000, handles: { Timeout: 2, TCPSocketWrap: 4 }, cpuPercent: 12.5,
			loopDelayP50Ms: 10.1, loopDelayP99Ms: 12.2, gc: { count: i, minor: i, major: 0, incremental: 0, weakcb: 0, pauseMs: i * 2 } });
	}
	h.addGcEvents([{ t: 1_010_000, kind: 'major', pauseMs: 7.5, heapBefore: 40 * MB, heapAfter: 25 * MB }]);
	return h;
}
export const props = (over: Partial<DashboardProps> = {}): DashboardProps => ({
	history: filled(), state: 'live', at: 1_029_000, frozen: false, windowMs: 60_000, intervalMs: 1000, elapsedMs: 30_000,
	columns: 100, rows: 30,
	info: { runtime: 'node', pid: 4242, nodeVersion: 'v20.20.2', title: 'node', argv: ['node', 'server.js'], url: 'ws://127.0.0.1:9229/x', startedAt: 1_000_000 - 5000 },
	...over,
});
