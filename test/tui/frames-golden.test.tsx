// Screens as golden files: the dashboard drawn from a recorded run (a leaking Map cache on Node 20, from
// test/fixtures/recorded), its leak evidence, and the allocation top and list fed a small known profile
// through the live top's own bookkeeping. UPDATE_GOLDEN=1 npm test rewrites them; a reviewer reads the diff.
import { test } from 'node:test';
import os from 'node:os';
import { stripVTControlCharacters } from 'node:util';
import React from 'react';
import { render } from 'ink-testing-library';
import { Dashboard, type Body, type DashboardProps } from '../../source/tui/components/dashboard.js';
import { LiveTop } from '../../source/watch/live-top.js';
import { detectLeaks } from '../../source/model/leak/detect.js';
import { bannerOrVerdict } from '../../source/render/alert-banner.js';
import type { Session } from '../../source/target/session.js';
import type { ProfileNode, SamplingProfile } from '../../source/model/profile/sampling-profile.js';
import { recorded } from '../helpers/recorded.js';
import { assertGolden } from '../helpers/golden.js';

const run = recorded('map-cache.ndjson');
const info = { runtime: 'node' as const, pid: 4242, nodeVersion: 'v20.20.2', title: 'node', argv: ['node', 'leaks/map-cache.cjs'], url: 'ws://127.0.0.1:9229/x', startedAt: run.start - 2000 };
const leaks = detectLeaks(run.history, run.end, 5 * 60_000);

function frame(body: Body, over: Partial<DashboardProps> = {}): string {
	const props: DashboardProps = {
		history: run.history, info, state: 'live', at: run.end, frozen: false, windowMs: 60_000, intervalMs: 1000, elapsedMs: run.end - run.start,
		columns: 120, rows: 36, body, verdict: bannerOrVerdict(leaks, undefined, [], run.end), ...over,
	};
	const { lastFrame, unmount } = render(<Dashboard {...props} />);
	const text = stripVTControlCharacters(lastFrame()!);
	unmount();
	return text.split('\n').map((line) => line.trimEnd()).join('\n') + '\n';
}

/** The live top after two reads of a small program a minute apart: allocateOrders grows, render does not. */
async function liveTop(): Promise<LiveTop> {
	let id = 1;
	const node = (functionName: string, lineNumber: number, selfSize: number, children: ProfileNode[] = []): ProfileNode =>
		({ callFrame: { functionName, scriptId: '9', url: 'file:///srv/app.js', lineNumber, columnNumber: 0 }, selfSize, id: id++, children });
	const profile = (orders: number): SamplingProfile => ({ head: node('(root)', -1, 0, [node('main', 0, 0, [node('allocateOrders', 4, orders), node('render', 9, 300_000, [node('format', 12, 40_000)])])]) });
	const source = Array.from({ length: 16 }, (_, i) => `// line ${i + 1}`);
	source[4] = '\torders.push({ id, items: new Array(50).fill(id) });';
	const session = { scriptSource: async () => source.join('\n') } as unknown as Session;
	const top = new LiveTop({ session, info }, os.tmpdir());
	top.ingest(profile(1_000_000), run.start);
	top.ingest(profile(5_000_000), run.start + 60_000);
	return top;
}

test('the dashboard of a recorded leaking run: charts with the verdict, and the leak evidence', () => {
	assertGolden('frame-charts-map-cache.txt', frame({ view: 'charts' }));
	assertGolden('frame-leaks-map-cache.txt', frame({ view: 'leaks', leaks: { report: leaks, alerts: [{ t: run.end, text: 'leak: heap grows 4 MB/min' }] } }));
	assertGolden('frame-charts-small.txt', frame({ view: 'charts' }, { columns: 80, rows: 24 }));
	assertGolden('frame-help-charts.txt', frame({ view: 'help', over: 'charts' }, { columns: 100, rows: 30 }));
});

test('the allocation top and the list of one function, from the live top\'s own bookkeeping', async () => {
	const top = await liveTop();
	assertGolden('frame-top.txt', frame({ view: 'top', status: top.status, sort: 'flat', selected: 0 }, { topStatus: top.status }));
	const orders = top.status.top!.functions.find((f) => f.name === 'allocateOrders')!;
	await top.openList(orders);
	assertGolden('frame-list-allocate-orders.txt', frame({ view: 'top', status: top.status, sort: 'flat', selected: 0 }));
});
