// Questions about one function of a stack set, asked on demand rather than every refresh: pprof's peek (who
// called it and whom it called, by what passed through each), and for a leak suspect what surrounds its
// allocations (the builtin that did them, its callers, the helper it calls).
import { INTERNALS, isInternal, stacksOf, stripScript, type FrameTable, type StackNode, type StackSet, type ViewOptions } from './stack-set.js';
import type { Frame } from './top.js';

/**
 * For some functions of the program, what surrounds their allocations: the internal or builtin frame that did
 * the most of the allocating charged to each (so a suspect can say "via repeat"), the program's functions that
 * called it directly, most bytes first (so a small helper is seen with the code that calls it), and the
 * program function it called that allocated the most itself: when V8 inlines a small allocating helper into
 * its caller, the samples taken before that still name the helper there. By frame id.
 */
export function contextOf(set: StackSet, table: FrameTable, owners: ReadonlySet<number>, maxCallers = 3): { via: Map<number, Frame>; callers: Map<number, Frame[]>; callee: Map<number, Frame> } {
	const folded = table.frames.map(isInternal);
	const leaves = new Map<number, Map<number, number>>();
	const direct = new Map<number, Map<number, number>>();
	const callees = new Map<number, Map<number, number>>();
	const program: number[] = []; // the program's frames on the path, root first
	const add = <K>(map: Map<number, Map<K, number>>, owner: number, key: K, value: number) => {
		const inner = map.get(owner) ?? new Map<K, number>();
		inner.set(key, (inner.get(key) ?? 0) + value);
		map.set(owner, inner);
	};
	const visit = (node: StackNode) => {
		const mine = !folded[node.frame];
		if (mine) program.push(node.frame);
		const owner = program.at(-1);
		if (owner !== undefined && owners.has(owner) && node.bytes > 0) {
			if (!mine) add(leaves, owner, node.frame, node.bytes);
			const caller = program.at(-2);
			if (caller !== undefined) add(direct, owner, caller, node.bytes);
		}
		const above = program.at(-2);
		if (owner !== undefined && above !== undefined && owners.has(above) && owner !== above && node.bytes > 0) add(callees, above, owner, node.bytes);
		for (const child of node.children.values()) visit(child);
		if (mine) program.pop();
	};
	for (const child of set.children.values()) visit(child);
	const heaviest = <K>(inner: Map<K, number>) => [...inner].sort((a, b) => b[1] - a[1])[0][0];
	const via = new Map<number, Frame>();
	for (const [owner, inner] of leaves) via.set(owner, stripScript(table.frames[heaviest(inner)]));
	const callers = new Map<number, Frame[]>();
	for (const [owner, inner] of direct) callers.set(owner, [...inner].sort((a, b) => b[1] - a[1]).slice(0, maxCallers).map(([id]) => stripScript(table.frames[id])));
	const callee = new Map<number, Frame>();
	for (const [owner, inner] of callees) callee.set(owner, stripScript(table.frames[heaviest(inner)]));
	return { via, callers, callee };
}

export interface Neighbour {
	readonly frame: Frame;
	readonly value: number; // what went through this caller or callee
}

/** pprof's peek for one function: who called it and whom it called, by what passed through each. */
export function peekOf(set: StackSet, table: FrameTable, options: ViewOptions, target: Frame): { callers: Neighbour[]; callees: Neighbour[] } {
	const wanted = table.find(target);
	const internals = table.idOf(INTERNALS);
	const callers = new Map<number, number>();
	const callees = new Map<number, number>();
	for (const stack of stacksOf(set)) {
		const value = options.unit === 'space' ? stack.bytes : stack.objects;
		if (value <= 0) continue;
		let ids = stack.frames;
		if (options.foldInternals) {
			const kept = ids.filter((id) => !isInternal(table.frames[id]));
			ids = kept.length > 0 ? kept : [internals];
		}
		// Each caller and callee once per stack, as cum counts a function once per stack.
		const seen = new Set<string>();
		ids.forEach((id, depth) => {
			if (id !== wanted) return;
			for (const [map, next, side] of [[callers, ids[depth + 1], 'r'], [callees, ids[depth - 1], 'e']] as const) {
				if (next === undefined || seen.has(side + next)) continue;
				seen.add(side + next);
				map.set(next, (map.get(next) ?? 0) + value);
			}
		});
	}
	const sorted = (map: Map<number, number>) => [...map].map(([id, value]) => ({ frame: stripScript(table.frames[id]), value })).sort((a, b) => b.value - a.value);
	return { callers: sorted(callers), callees: sorted(callees) };
}
