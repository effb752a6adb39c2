// A V8 sampling profile as stacks (leaf first) of named frames with bytes or object counts.
import { objectCounts, walk, type SamplingProfile } from './sampling-profile.js';
import { topOfStacks, type Frame, type Top } from './top.js';

/** The frame of a call frame: anonymous functions named as pprof shows them, the line made 1-based. */
export const frameOf = (c: { functionName: string; url: string; lineNumber: number }): Frame => ({
	name: c.functionName || '(anonymous)',
	url: c.url,
	line: c.lineNumber >= 0 ? c.lineNumber + 1 : 0,
});

/** Every node with allocations, as a stack of frames (leaf first, V8's synthetic root left out). */
export function stacksOf(profile: SamplingProfile, unit: 'space' | 'objects'): { frames: Frame[]; value: number }[] {
	const counts = unit === 'objects' ? objectCounts(profile) : undefined;
	const stacks: { frames: Frame[]; value: number }[] = [];
	walk(profile, (node, path) => {
		const value = counts ? counts.get(node.id) ?? 0 : node.selfSize;
		if (value <= 0 || path.length < 2) return;
		stacks.push({ frames: path.slice(1).reverse().map((n) => frameOf(n.callFrame)), value });
	});
	return stacks;
}

/** pprof top of a sampling profile; mode names the sample type (inuse or alloc). */
export function topOfProfile(profile: SamplingProfile, mode: 'inuse' | 'alloc', unit: 'space' | 'objects' = 'space'): Top {
	return topOfStacks(`${mode}_${unit}/${unit === 'space' ? 'bytes' : 'count'}`, stacksOf(profile, unit));
}
