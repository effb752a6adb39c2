// Counters since memtop attached, kept as readings arrive: Prometheus reads a counter with rate(), which sees
// every byte however rarely it scrapes (a 15 s scrape of a 1 s gauge would see one interval in fifteen).
import type { Tick } from '../history.js';

export class RunningTotals {
	/** Bytes allocated on the JS heap, summed over every reading's interval. */
	allocatedBytes = 0;

	add(tick: Tick): void {
		this.allocatedBytes += tick.reading?.allocatedBytes ?? 0;
	}
}
