// pprof's `top` for allocation profiles: per function, flat (allocated by the function itself) and cum (by
// it and everything it called), sorted by flat. Lines are 1-based, as editors show them. A function that
// recurses is counted once per stack in cum, as pprof does.

export interface FunctionRow {
	readonly name: string;
	readonly url: string;
	readonly line: number; // 1-based line where the function starts; 0 when unknown
	readonly flat: number;
	readonly cum: number;
}

export interface Top {
	readonly sampleType: string; // e.g. "inuse_space/bytes"
	readonly total: number;
	readonly functions: FunctionRow[];
}

/** A stack sample: frames leaf first, and its value. */
export interface Frame {
	readonly name: string;
	readonly url: string;
	readonly line: number;
}

/** pprof's order: flat, then cum, then name, file and line so that ties always come out the same. */
export const byFlat = (a: FunctionRow, b: FunctionRow): number =>
	b.flat - a.flat || b.cum - a.cum || (a.name < b.name ? -1 : a.name > b.name ? 1 : 0) || (a.url < b.url ? -1 : a.url > b.url ? 1 : 0) || a.line - b.line;

/** One key per function: name, file and line. */
export const keyOf = (f: Frame): string => `${f.name}\u0000${f.url}\u0000${f.line}`;

/** Build a top from stacks (leaf first) with values. */
export function topOfStacks(sampleType: string, stacks: Iterable<{ frames: readonly Frame[]; value: number }>): Top {
	const rows = new Map<string, { frame: Frame; flat: number; cum: number }>();
	let total = 0;
	const row = (frame: Frame) => {
		const key = keyOf(frame);
		let r = rows.get(key);
		if (!r) rows.set(key, (r = { frame, flat: 0, cum: 0 }));
		return r;
	};
	for (const { frames, value } of stacks) {
		if (value === 0 || frames.length === 0) continue;
		total += value;
		row(frames[0]).flat += value;
		const seen = new Set<string>();
		for (const frame of frames) {
			const key = keyOf(frame);
			if (seen.has(key)) continue;
			seen.add(key);
			row(frame).cum += value;
		}
	}
	const functions = [...rows.values()]
		.map(({ frame, flat, cum }) => ({ name: frame.name, url: frame.url, line: frame.line, flat, cum }))
		.sort(byFlat);
	return { sampleType, total, functions };
}

/** `-base`: current minus base per function; functions that did not change are left out. Sorted by flat delta. */
export function diffTop(base: Top, current: Top): Top {
	const rows = new Map<string, { frame: Frame; flat: number; cum: number }>();
	const add = (top: Top, sign: number) => {
		for (const f of top.functions) {
			const key = keyOf(f);
			const r = rows.get(key) ?? { frame: f, flat: 0, cum: 0 };
			r.flat += sign * f.flat;
			r.cum += sign * f.cum;
			rows.set(key, r);
		}
	};
	add(base, -1);
	add(current, 1);
	const functions = [...rows.values()]
		.filter((r) => r.flat !== 0 || r.cum !== 0)
		.map(({ frame, flat, cum }) => ({ name: frame.name, url: frame.url, line: frame.line, flat, cum }))
		.sort(byFlat);
	return { sampleType: current.sampleType, total: current.total - base.total, functions };
}
