// A sampling profile with its frames moved to where a source map says they came from: the allocation top,
// list, suspects and the pprof export then name the TypeScript (or pre-bundle) source. Pure: the mapping is
// given as a function; a frame it does not map stays as it was.
import type { CallFrame, ProfileNode, SamplingProfile } from './sampling-profile.js';

/** The original location of a frame, or undefined to keep it. */
export type FrameMapper = (frame: CallFrame) => { url: string; lineNumber: number; columnNumber: number; scriptId: string } | undefined;

/** The profile with every mapped frame replaced; the same profile when nothing maps. */
export function mapProfile(profile: SamplingProfile, map: FrameMapper): SamplingProfile {
	let changed = false;
	const visit = (node: ProfileNode): ProfileNode => {
		const moved = map(node.callFrame);
		const children = node.children.map(visit);
		if (!moved && children.every((child, i) => child === node.children[i])) return node;
		changed = true;
		return { ...node, callFrame: moved ? { ...node.callFrame, ...moved } : node.callFrame, children };
	};
	const head = visit(profile.head);
	return changed ? { ...profile, head } : profile;
}

/** The script ids a profile's frames come from. */
export function scriptIdsOf(profile: SamplingProfile): Set<string> {
	const ids = new Set<string>();
	const visit = (node: ProfileNode) => {
		ids.add(node.callFrame.scriptId);
		node.children.forEach(visit);
	};
	visit(profile.head);
	return ids;
}
