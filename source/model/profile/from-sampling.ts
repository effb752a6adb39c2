// A V8 sampling profile as pprof's top: frames named and numbered as pprof shows them, flat and cum in one walk.
import { objectCounter, type ProfileNode, type SamplingProfile } from './sampling-profile.js';
import { byFlat, type Frame, type Top } from './top.js';

/** The frame of a call frame: anonymous functions named as pprof shows them, the line made 1-based. */
export const frameOf = (c: { functionName: string; url: string; lineNumber: number }): Frame => ({
	name: c.functionName || '(anonymous)',
	url: c.url,
	line: c.lineNumber >= 0 ? c.lineNumber + 1 : 0,
});

/**
 * pprof top of a sampling profile, straight from the tree (the screen refreshes it every few seconds): one
 * walk, an integer per distinct function, cum added at a function's outermost frame on each path only.
 */
export function topOfProfile(profile: SamplingProfile, mode: 'inuse' | 'alloc', unit: 'space' | 'objects' = 'space'): Top {
	const objects = unit === 'objects' ? objectCounter(profile) : undefined;
	const ids = new Map<string, number>();
	const frames: Frame[] = [];
	const flat: number[] = [];
	const cum: number[] = [];
	const onPath: number[] = [];
	let total = 0;
	// Iterative post-order over the tree: enter pushes children, leave adds the subtree to its function.
	const stack: { node: ProfileNode; fid: number; sum: number; next: number; parent: number }[] = [];
	const enter = (node: ProfileNode, parent: number) => {
		const c = node.callFrame;
		const key = `${c.functionName}\u0000${c.url}\u0000${c.lineNumber}`;
		let fid = ids.get(key);
		if (fid === undefined) {
			fid = frames.push(frameOf(c)) - 1;
			ids.set(key, fid);
			flat.push(0);
			cum.push(0);
			onPath.push(0);
		}
		const value = objects ? objects(node) : node.selfSize;
		flat[fid] += value;
		total += value;
		onPath[fid]++;
		stack.push({ node, fid, sum: value, next: 0, parent });
	};
	for (const child of profile.head.children) {
		enter(child, -1);
		while (stack.length > 0) {
			const top = stack.length - 1;
			const entry = stack[top];
			if (entry.next < entry.node.children.length) {
				enter(entry.node.children[entry.next++], top);
				continue;
			}
			stack.pop();
			onPath[entry.fid]--;
			if (onPath[entry.fid] === 0) cum[entry.fid] += entry.sum; // outermost frame of this function here
			if (entry.parent >= 0) stack[entry.parent].sum += entry.sum;
		}
	}
	const functions = frames
		.map((frame, fid) => ({ ...frame, flat: flat[fid], cum: cum[fid] }))
		.filter((row) => row.cum > 0)
		.sort(byFlat);
	return { sampleType: `${mode}_${unit}/${unit === 'space' ? 'bytes' : 'count'}`, total, functions };
}
