// Edge names in a byte each. An edge's name is a string index (or an element's index), and a few names are
// most of them: in a 593 MiB snapshot 255 names ("map", "properties", "elements" ...) cover 94% of 22 M edges.
// Each edge keeps a code: one of the 255 most common names, or 255 for "look it up among the others", which are
// kept as (edge, name) pairs in edge order. 89 MB of names become 22 MB of codes and 11 MB of pairs.

const OTHER = 255;
/** Names counted to find the common ones: string indexes past this (rare) are always looked up. */
const COUNTED = 1 << 22;
/** Every how many edges one is counted: the common names are common anywhere, and counting all took 60 ms. */
const SAMPLE_EVERY = 8;

/** An EdgeNames' arrays, to hand it to another thread (ArrayBuffers that may be transferred). */
export interface EdgeNameParts {
	readonly codes: Uint8Array;
	readonly common: Uint32Array;
	readonly otherEdge: Uint32Array;
	readonly otherName: Uint32Array;
}

export class EdgeNames {
	private last = 0; // the pair last looked up: reads in edge order go forward from it

	private constructor(
		private readonly codes: Uint8Array,
		private readonly common: Uint32Array,
		private readonly otherEdge: Uint32Array,
		private readonly otherName: Uint32Array,
	) {}

	/** Encode names[0 .. count); names itself is no longer needed after (the caller may reuse its memory). */
	static encode(names: Uint32Array, count: number): EdgeNames {
		const common = commonNames(names, count);
		const codeOf = new Uint8Array(COUNTED).fill(OTHER);
		common.forEach((name, code) => (codeOf[name] = code));
		const codes = new Uint8Array(count);
		let others = 0;
		for (let edge = 0; edge < count; edge++) {
			const name = names[edge];
			const code = name < COUNTED ? codeOf[name] : OTHER;
			codes[edge] = code;
			if (code === OTHER) others++;
		}
		const otherEdge = new Uint32Array(others);
		const otherName = new Uint32Array(others);
		for (let edge = 0, at = 0; at < others; edge++) {
			if (codes[edge] !== OTHER) continue;
			otherEdge[at] = edge;
			otherName[at++] = names[edge];
		}
		return new EdgeNames(codes, Uint32Array.from(common), otherEdge, otherName);
	}

	static fromParts({ codes, common, otherEdge, otherName }: EdgeNameParts): EdgeNames {
		return new EdgeNames(codes, common, otherEdge, otherName);
	}

	get parts(): EdgeNameParts {
		const { codes, common, otherEdge, otherName } = this;
		return { codes, common, otherEdge, otherName };
	}

	get length(): number {
		return this.codes.length;
	}

	/** The name of an edge. Small, so that the compiler inlines it in the loops over all edges. */
	get(edge: number): number {
		const code = this.codes[edge];
		return code !== OTHER ? this.common[code] : this.other(edge);
	}

	/**
	 * A test of an edge's name that asks `test` once for each common name, then for the rest only: most edges
	 * cost one byte read.
	 */
	matcher(test: (name: number) => boolean): (edge: number) => boolean {
		const { codes } = this;
		const passes = Uint8Array.from(this.common, (name) => (test(name) ? 1 : 0));
		return (edge) => {
			const code = codes[edge];
			return code !== OTHER ? passes[code] === 1 : test(this.other(edge));
		};
	}

	/** A name not among the common ones: fastest when asked in edge order. */
	private other(edge: number): number {
		const { otherEdge } = this;
		let at = this.last;
		if (otherEdge[at] > edge) at = 0;
		// Forward from the last pair a few steps, else halve the rest.
		for (let steps = 0; otherEdge[at] < edge && steps < 8; steps++) at++;
		if (otherEdge[at] < edge) {
			let high = otherEdge.length - 1;
			while (at < high) {
				const middle = (at + high) >>> 1;
				if (otherEdge[middle] < edge) at = middle + 1;
				else high = middle;
			}
		}
		this.last = at;
		return this.otherName[at];
	}
}

/** Up to 255 names used most (in a sample of the edges), most first (ties: the lower index first). */
function commonNames(names: Uint32Array, count: number): number[] {
	const counts = new Uint32Array(COUNTED);
	for (let edge = 0; edge < count; edge += SAMPLE_EVERY) if (names[edge] < COUNTED) counts[names[edge]]++;
	// The 255 largest counts: a sorted short list, entered only by a count above its smallest.
	const top: { name: number; count: number }[] = [];
	for (let name = 0; name < COUNTED; name++) {
		const c = counts[name];
		if (c === 0 || (top.length === OTHER && c <= top[OTHER - 1].count)) continue;
		let at = top.length;
		while (at > 0 && top[at - 1].count < c) at--;
		top.splice(at, 0, { name, count: c });
		if (top.length > OTHER) top.pop();
	}
	return top.map((entry) => entry.name);
}
