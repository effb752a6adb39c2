// How often the sampling profile is read. V8's inspector forces a full GC before it hands the profile out
// (kSamplingForceGC), so each read pauses the target; reads are spaced so that what they cost stays under
// 1/COST_SHARE of the target's time: every 5 s on a small heap, less often as the heap (and its full GC) grows.
// One slow read on a busy machine must not stretch the pace to minutes, so the cost is the cheapest of the last
// few reads (noise only ever adds time) and the pace at most doubles from one read to the next.

export const READ_MS = 5000;
const MAX_READ_MS = 120_000;
const COST_SHARE = 200;
const REMEMBERED = 3;

export class ReadPacing {
	private readonly costs: number[] = [];
	private current = READ_MS;

	get everyMs(): number {
		return this.current;
	}

	/** Records what one read cost (ms) and returns the pace for the next one. */
	record(costMs: number): number {
		this.costs.push(costMs);
		if (this.costs.length > REMEMBERED) this.costs.shift();
		const wanted = Math.round(Math.min(...this.costs) * COST_SHARE);
		this.current = Math.min(MAX_READ_MS, this.current * 2, Math.max(READ_MS, wanted));
		return this.current;
	}
}
