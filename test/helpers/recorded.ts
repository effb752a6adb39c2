// A headless recording (test/fixtures/recorded/*.ndjson: memtop --json of a real target) read back into a
// History, as the watchdog and the screen saw it live.
import { readFileSync } from 'node:fs';
import { History } from '../../source/model/history.js';

const MB = 1024 * 1024;

/** The recording's samples and GC events, in order; `end` is the time of the last sample. */
export function recorded(name: string): { history: History; end: number; start: number } {
	const history = new History();
	let start = 0;
	let end = 0;
	const text = readFileSync(new URL(`../fixtures/recorded/${name}`, import.meta.url), 'utf8');
	for (const r of text.trim().split('\n').map((l) => JSON.parse(l))) {
		if (r.type === 'sample') {
			history.addReading({ t: r.t, heapUsed: r.heapUsed, heapTotal: r.heapTotal, heapLimit: 4096 * MB, rss: r.rss, external: r.external, arrayBuffers: 0, handles: r.handles });
			start ||= r.t;
			end = r.t;
		}
		if (r.type === 'gc') history.addGcEvents([{ t: r.t, kind: r.kind, pauseMs: r.pauseMs, heapAfter: r.heapAfter }]);
	}
	return { history, end, start };
}
