// The process list's rows from fleet members (their monitors' state and history, fed readings by hand):
// figures from the latest reading, GC time over the last minute, short names, and the order rows are shown in.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Watched } from '../../source/watch/watched.js';
import type { Member, Origin } from '../../source/watch/fleet.js';
import { processRows } from '../../source/watch/process-rows.js';
import type { ConnectionState, Reading, TargetInfo } from '../../source/types.js';
import { History } from '../../source/model/history.js';

/** A member as the list reads it: what its monitor says now and its history, set by hand. */
function member(key: string, info: Partial<TargetInfo>, readings: Partial<Reading>[], origin: Origin = 'port'): Member & { watched: { monitor: { state: ConnectionState } } } {
	const monitor = {
		history: new History(), reconnects: false, state: 'live' as ConnectionState, stateDetail: undefined,
		info: { runtime: 'node', pid: 1, nodeVersion: 'v20', title: 'node', argv: ['node', '/srv/app/api.js', '--port', '80'], url: key, startedAt: 0, ...info } as TargetInfo,
	};
	for (const r of readings) monitor.history.addReading({ t: 0, heapUsed: 1, heapTotal: 2, handles: { Timeout: 2, TCPWrap: 1 }, ...r } as Reading);
	return { key, origin, watched: { monitor, watchdog: { report: undefined } } as unknown as Watched & { monitor: typeof monitor }, addedAt: 0 };
}

test('a row has the latest figures, GC time as a share of the last minute, and a short name', () => {
	const gc = (count: number, pauseMs: number) => ({ count, minor: count, major: 0, incremental: 0, weakcb: 0, pauseMs });
	const [row] = processRows([member('ws://127.0.0.1:9301/a', { pid: 11 }, [
		{ t: 1000, heapUsed: 5e6, rss: 4e7, gc: gc(0, 0), spanMs: 1000 },
		{ t: 2000, heapUsed: 6e6, rss: 5e7, gc: gc(2, 30), spanMs: 1000 },
		{ t: 3000, heapUsed: 7e6, rss: 6e7, gc: gc(3, 50), spanMs: 1000 },
	])], 3000, 60_000);
	assert.equal(row.pid, 11);
	assert.equal(row.where, ':9301');
	assert.equal(row.title, 'api.js --port 80', 'the file name and its arguments, not the whole path');
	assert.deepEqual([row.heapUsed, row.rss, row.handles], [7e6, 6e7, 3]);
	assert.equal(row.gcTimePercent, 2.5, '50 ms of pauses over the 2 s that have GC figures');
	assert.deepEqual(row.heapSeries, [5e6, 6e6, 7e6]);
	assert.equal(row.gone, false);
});

test('figures a runtime does not give stay absent; a worker shows its thread; live rows come first, by port', () => {
	const page = member('ws://127.0.0.1:9222/devtools/page/P', { runtime: 'browser', pid: undefined, title: 'Checkout', argv: ['https://shop/checkout'] }, [{ t: 1000, handles: undefined }]);
	const worker = member('ws://127.0.0.1:9302/c#3', { thread: { id: '3', title: '[worker 3]', url: 'file:///srv/app/resize.js' } }, [{ t: 1000 }], 'worker');
	const gone = member('ws://127.0.0.1:9300/g', { pid: 5 }, [{ t: 1000 }]);
	gone.watched.monitor.state = 'exited';
	const later = member('ws://127.0.0.1:9310/b', { pid: 7 }, [{ t: 1000 }]);
	const early = member('ws://127.0.0.1:9302/c', { pid: 9 }, [{ t: 1000 }]);
	const rows = processRows([gone, later, page, early, worker], 1000, 60_000);
	assert.deepEqual(rows.map((r) => r.where), [':9222', ':9302', '#3', ':9310', ':9300'], 'live first, by port (as numbers), a worker under its process, the gone last');
	const pageRow = rows.find((r) => r.where === ':9222')!;
	assert.deepEqual([pageRow.pid, pageRow.rss, pageRow.handles, pageRow.gcTimePercent, pageRow.title], [undefined, undefined, undefined, undefined, 'Checkout']);
	assert.equal(rows[2].title, '[worker 3] resize.js');
	assert.equal(rows.at(-1)!.gone, true);
});
