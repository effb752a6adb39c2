// Redraw when any of the given stores changes, at most once per throttleMs: the screen's one way of hearing
// about the targets (no polling, no version counters). Absent stores (a tool that is off) are skipped.
import { useMemo, useSyncExternalStore } from 'react';
import { combineStores, type Readable } from '../watch/store.js';

/** The stores' snapshots, read during render; the component re-renders when one of them is replaced. */
export function useStores(stores: readonly (Readable<unknown> | undefined)[], throttleMs: number): readonly unknown[] {
	const combined = useMemo(() => combineStores(stores.filter((s) => s !== undefined), throttleMs), [throttleMs, ...stores]);
	return useSyncExternalStore(combined.subscribe, combined.getSnapshot);
}
