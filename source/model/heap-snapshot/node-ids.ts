// Node ids as runs. V8 numbers heap objects 1, 3, 5 ... as it first meets them, and writes them in that order:
// in a 593 MiB snapshot all but 88 of 8.6 M ids are the previous one plus two. A run (where it starts, its
// first id) stands for each such stretch: a few hundred bytes instead of 4 bytes a node. A snapshot numbered
// otherwise (many runs) keeps one plain array.

import { lastAtOrBelow } from './sorted-search.js';

const STEP = 2;

export class NodeIds {
	private runStart = new Uint32Array(64);
	private runId = new Uint32Array(64);
	private runs = 0;
	private plain?: Uint32Array;
	private expected = -1;

	constructor(readonly length: number) {}

	/** The id of node `index`, the nodes coming in order 0, 1, 2 ... */
	push(index: number, id: number): void {
		if (this.plain) {
			this.plain[index] = id;
			return;
		}
		if (id === this.expected) {
			this.expected += STEP;
			return;
		}
		this.expected = id + STEP;
		if (this.runs === this.runStart.length && !this.grow()) {
			this.plain![index] = id;
			return;
		}
		this.runStart[this.runs] = index;
		this.runId[this.runs++] = id;
	}

	get(index: number): number {
		if (this.plain) return this.plain[index];
		const run = lastAtOrBelow(this.runStart, this.runs, index);
		return this.runId[run] + STEP * (index - this.runStart[run]);
	}

	/** Every id, in node order. */
	toArray(): Uint32Array {
		if (this.plain) return this.plain;
		const ids = new Uint32Array(this.length);
		for (let run = 0; run < this.runs; run++) {
			const end = run + 1 < this.runs ? this.runStart[run + 1] : this.length;
			for (let index = this.runStart[run], id = this.runId[run]; index < end; index++, id += STEP) ids[index] = id;
		}
		return ids;
	}

	/** Room for more runs (true), or, past one run in 16 nodes, a plain array instead: it is smaller. */
	private grow(): boolean {
		if (this.runs * 16 >= this.length) {
			// The ids so far, spelled out; the rest of the array is written as they come.
			this.plain = this.toArray();
			return false;
		}
		const more = (array: Uint32Array) => {
			const bigger = new Uint32Array(array.length * 2);
			bigger.set(array);
			return bigger;
		};
		this.runStart = more(this.runStart);
		this.runId = more(this.runId);
		return true;
	}
}
