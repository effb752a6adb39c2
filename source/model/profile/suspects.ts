// The first suspects of a heap leak: the program's functions whose in-use bytes grew most between two readings
// of the allocation profile, with what Node or V8 allocated for them charged to them (internals folded), and
// what surrounds their allocations. Pure.
import { isInternal, viewIndex, type FrameTable, type StackSet } from './stack-set.js';
import { contextOf } from './stack-context.js';
import type { Frame } from './top.js';

/** A function of the program whose memory in use keeps growing. */
export interface Suspect extends Frame {
	readonly growthBytesPerMin: number;
	readonly inUseBytes: number;
	/** The builtin or node: internal that did the allocating, when it was not the function itself. */
	readonly via?: Frame;
	/** The program's functions that called it directly, most bytes first. */
	readonly callers: readonly Frame[];
	/** The program function it called that allocated the most itself (a helper V8 may have inlined since). */
	readonly callee?: Frame;
	/** Functions between the suspect and its callee, read from the source (a handler between a callback and its helper). */
	readonly calleeThrough?: readonly Frame[];
	/** The callee was read from the function's source: no sample named a helper (inlined before the first). */
	readonly calleeFromSource?: boolean;
}

const FOLDED_BYTES = viewIndex({ unit: 'space', foldInternals: true });

/**
 * `before` and `now` are leafFlats() of two readings `minutes` apart; `set` is the newer reading's stacks.
 * The `most` fastest-growing functions, fastest first.
 */
export function suspectsOf(set: StackSet, table: FrameTable, before: readonly Float64Array[], now: readonly Float64Array[], minutes: number, most = 5): Suspect[] {
	if (minutes <= 0) return [];
	const was = before[FOLDED_BYTES];
	const is = now[FOLDED_BYTES];
	const growing: { id: number; growth: number }[] = [];
	for (let id = 0; id < is.length; id++) {
		const growth = (is[id] - (was[id] ?? 0)) / minutes;
		if (growth > 0 && !isInternal(table.frames[id])) growing.push({ id, growth });
	}
	const top = growing.sort((a, b) => b.growth - a.growth).slice(0, most);
	const { via, callers, callee } = contextOf(set, table, new Set(top.map((g) => g.id)));
	return top.map(({ id, growth }) => {
		const { name, url, line } = table.frames[id];
		return { name, url, line, growthBytesPerMin: growth, inUseBytes: is[id], via: via.get(id), callers: callers.get(id) ?? [], callee: callee.get(id) };
	});
}
