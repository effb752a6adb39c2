// State that changes while memtop watches, in the shape React's useSyncExternalStore reads: subscribe to hear
// that something moved, getSnapshot for the value now. A snapshot is replaced, never changed in place, so a
// reader tells whether anything moved by comparing it. The screen, headless runs and /metrics read the same ones.

/** Anything the screen can subscribe to. */
export interface Readable<T> {
	subscribe(listener: () => void): () => void;
	getSnapshot(): T;
}

/** One value and the listeners that hear when it is replaced. */
export class Store<T> implements Readable<T> {
	private readonly listeners = new Set<() => void>();

	constructor(private value: T) {}

	readonly subscribe = (listener: () => void): (() => void) => {
		this.listeners.add(listener);
		return () => void this.listeners.delete(listener);
	};

	readonly getSnapshot = (): T => this.value;

	/** Replace the value and tell every listener (each once, in the order they came). */
	set(value: T): void {
		this.value = value;
		for (const listener of [...this.listeners]) listener();
	}
}

/** Events for any number of listeners: a reading, a GC batch, an alert. Nothing is kept. */
export class Signal<T> {
	private readonly listeners = new Set<(value: T) => void>();

	/** Listen until the returned function is called. */
	add(listener: (value: T) => void): () => void {
		this.listeners.add(listener);
		return () => void this.listeners.delete(listener);
	}

	emit(value: T): void {
		for (const listener of [...this.listeners]) listener(value);
	}
}

/**
 * Several stores as one, heard at most once per `throttleMs`: the first change is passed on at once, changes
 * within the next throttleMs are folded into one call at its end. A GC storm must not become a render storm.
 * The snapshot is the stores' snapshots together, the same array for as long as none of them changed.
 */
export function combineStores(stores: readonly Readable<unknown>[], throttleMs: number): Readable<readonly unknown[]> {
	let last: unknown[] = stores.map((store) => store.getSnapshot());
	return {
		subscribe(listener) {
			let timer: NodeJS.Timeout | undefined;
			let quietUntil = 0;
			let waiting = false;
			const fire = () => {
				timer = undefined;
				waiting = false;
				quietUntil = Date.now() + throttleMs;
				listener();
			};
			const onChange = () => {
				if (waiting) return;
				const wait = quietUntil - Date.now();
				if (wait <= 0) return fire();
				waiting = true;
				timer = setTimeout(fire, wait);
			};
			const unsubscribes = stores.map((store) => store.subscribe(onChange));
			return () => {
				clearTimeout(timer);
				unsubscribes.forEach((unsubscribe) => unsubscribe());
			};
		},
		getSnapshot() {
			const now = stores.map((store) => store.getSnapshot());
			if (now.some((value, i) => value !== last[i])) last = now;
			return last;
		},
	};
}
