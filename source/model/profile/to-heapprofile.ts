// A stack set back as V8's sampling profile tree, the shape DevTools opens as a .heapprofile. Used for what
// memtop summed itself (alloc mode adds a profile per read), where no single profile from V8 holds it all.
// V8's per-sample list is left out: the tree's self sizes are what DevTools shows.
import type { ProfileNode, SamplingProfile } from './sampling-profile.js';
import type { FrameTable, StackNode, StackSet } from './stack-set.js';

export function stackSetToProfile(set: StackSet, table: FrameTable): SamplingProfile {
	let nextId = 1;
	const convert = (node: StackNode): ProfileNode => {
		const f = node.frame >= 0 ? table.frames[node.frame] : undefined;
		// Lines go back to the protocol's 0-based numbering; the root is V8's synthetic "(root)".
		const callFrame = f
			? { functionName: f.name === '(anonymous)' ? '' : f.name, scriptId: f.scriptId, url: f.url, lineNumber: f.line - 1, columnNumber: 0 }
			: { functionName: '(root)', scriptId: '0', url: '', lineNumber: -1, columnNumber: -1 };
		return { callFrame, selfSize: Math.round(node.bytes), id: nextId++, children: [...node.children.values()].map(convert) };
	};
	return { head: convert(set) };
}
