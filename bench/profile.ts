// Issue 4's performance figures, measured in one run (never pass/fail):
//  1. overhead on the target of memtop attached as it runs by default, sampling on (every 512 KiB), and at
//     32 KiB: headless memtop attached vs alone, on the dashboard benchmark's workload and method
//     (bench/overhead.ts). The same without sampling is the dashboard benchmark's figure;
//  2. the cost of one refresh of the live top on memtop's side (LiveTop.ingest: the profile into the stack
//     set, growth, the top table) for a 10,000-node sampling profile, in use and allocated (summing a full
//     window of 60 such pieces), and of writing it as a pprof file; all on the thread that draws the screen.
import os from 'node:os';
import fs from 'node:fs';
import path from 'node:path';
import { reportOverhead } from './overhead.js';
import { LiveTop } from '../source/watch/live-top.js';
import type { Session } from '../source/target/session.js';
import { toPprof } from '../source/model/profile/pprof.js';
import type { ProfileNode, SamplingProfile } from '../source/model/profile/sampling-profile.js';

const out = fs.mkdtempSync(path.join(os.tmpdir(), 'memtop-bench-profile-'));
try {
	if (Number(process.env.CYCLES ?? 20) > 0) {
		for (const interval of [524288, 32768]) {
			await reportOverhead(`attached, sampling every ${interval / 1024} KiB`, (port) => ['--inspect', String(port), '--json', '--sample-interval', String(interval), '--out-dir', out], interval === 524288 ? '<= 2%' : 'reported only');
		}
	}
} finally {
	fs.rmSync(out, { recursive: true, force: true });
}

// A deterministic tree of 10,000 nodes: 200 functions in 20 files, depth up to 12, sizes spread.
let seed = 7;
const random = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
let id = 0;
const frame = (f: number) => ({ functionName: `fn${f}`, scriptId: String(f % 20), url: `file:///app/module${f % 20}.js`, lineNumber: f * 3, columnNumber: 0 });
const nodes: { children: ProfileNode[] }[] = [];
const make = (depth: number): ProfileNode => {
	const node = { callFrame: frame(Math.floor(random() * 200)), selfSize: random() < 0.6 ? Math.floor(random() * 1e6) : 0, id: ++id, children: [] as ProfileNode[] };
	nodes.push(node);
	return node;
};
const head = { callFrame: { functionName: '(root)', scriptId: '0', url: '', lineNumber: -1, columnNumber: -1 }, selfSize: 0, id: ++id, children: [] as ProfileNode[] };
const open: { node: { children: ProfileNode[] }; depth: number }[] = [{ node: head, depth: 0 }];
while (id < 10_000) {
	const parent = open[Math.floor(random() * open.length)];
	if (parent.depth >= 12) continue;
	const child = make(parent.depth + 1);
	parent.node.children.push(child);
	open.push({ node: child, depth: parent.depth + 1 });
}
const profile: SamplingProfile = { head, samples: nodes.flatMap((n) => ((n as ProfileNode).selfSize > 0 ? [{ size: 64, nodeId: (n as ProfileNode).id, ordinal: 0 }] : [])) };

const time = (f: () => void) => {
	for (let i = 0; i < 5; i++) f(); // warm up the JIT
	const runs: number[] = [];
	for (let i = 0; i < 30; i++) {
		const t = performance.now();
		f();
		runs.push(performance.now() - t);
	}
	return runs.sort((a, b) => a - b)[15];
};
// LiveTop without a target: ingest() is the work a read does once the profile has arrived.
const offline = { session: undefined as unknown as Session, info: { runtime: 'node' as const, pid: 1, nodeVersion: '', title: '', url: '', argv: [], startedAt: 0 } };
let t = 0;
const inuse = new LiveTop(offline, out);
const inuseMs = time(() => inuse.ingest(profile, (t += 5000)));
const alloc = new LiveTop(offline, out);
alloc.toggleMode();
for (let i = 0; i < 60; i++) alloc.ingest(profile, (t += 5000)); // a full 5-minute window of pieces
const allocMs = time(() => alloc.ingest(profile, (t += 5000)));
const pprofMs = time(() => toPprof(profile, { mode: 'inuse', intervalBytes: 524288, timeMs: Date.now(), durationMs: 1000 }));
console.log(`refresh of the live top with a ${id}-node profile: in use ${inuseMs.toFixed(2)} ms, allocated (a full window of 60 pieces) ${allocMs.toFixed(2)} ms (goal < 20 ms); pprof file ${pprofMs.toFixed(2)} ms; medians of 30`);
