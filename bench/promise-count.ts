// What an exact count of pending promises would cost a target (issue: show it as Go shows goroutines, if cheap):
// a promise-heavy workload (async functions awaiting resolved values) timed alone and with v8.promiseHooks
// counting every promise made and settled, the cheapest exact hook Node has (async_hooks' is dearer), side by
// side in one run. A ratio, never a pass/fail.
import { promiseHooks } from 'node:v8';

async function step(i: number): Promise<number> {
	return (await Promise.resolve(i)) + 1;
}
async function workload(n: number): Promise<number> {
	let sum = 0;
	for (let i = 0; i < n; i++) sum += await step(i);
	return sum;
}
async function timed(n: number): Promise<number> {
	const t = performance.now();
	await workload(n);
	return performance.now() - t;
}
const median = (xs: number[]) => xs.sort((a, b) => a - b)[Math.floor(xs.length / 2)];

const N = 300_000;
await timed(N); // warm up
const alone: number[] = [];
const counted: number[] = [];
let pending = 0;
for (let round = 0; round < 7; round++) {
	alone.push(await timed(N));
	const stop = promiseHooks.createHook({ init: () => pending++, settled: () => pending-- });
	counted.push(await timed(N));
	stop();
}
const a = median(alone);
const c = median(counted);
console.log(`promise-heavy workload (${N} async calls): alone ${a.toFixed(0)} ms, with an exact pending-promise count ${c.toFixed(0)} ms: ${(c / a).toFixed(2)}x the time (median of 7; pending at the end ${pending})`);
