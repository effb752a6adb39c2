// A stack set back as V8's sampling profile tree, the shape DevTools opens as a .heapprofile. Used for what
// memtop summed itself (alloc mode adds a profile per read), where no single profile from V8 holds it all.
// V8's per-sample list is left out: the tree's self sizes are what DevTools shows.
import type { CallFrame, ProfileNode, SamplingProfile } from './sampling-profile.js';
import type { FrameTable, StackSet } from './stack-set.js';

interface Building {
	readonly callFrame: CallFrame;
	readonly id: number;
	selfSize: number;
	readonly children: Map<number, Building>;
}

export function stackSetToProfile(set: StackSet, table: FrameTable): SamplingProfile {
	let nextId = 1;
	const make = (callFrame: CallFrame): Building => ({ callFrame, id: nextId++, selfSize: 0, children: new Map() });
	const root = make({ functionName: '(root)', scriptId: '0', url: '', lineNumber: -1, columnNumber: -1 });
	for (const { frames, bytes } of set.values()) {
		let node = root;
		for (let i = frames.length - 1; i >= 0; i--) {
			let child = node.children.get(frames[i]);
			if (!child) {
				const f = table.frames[frames[i]];
				// Lines go back to the protocol's 0-based numbering.
				child = make({ functionName: f.name === '(anonymous)' ? '' : f.name, scriptId: f.scriptId, url: f.url, lineNumber: f.line - 1, columnNumber: 0 });
				node.children.set(frames[i], child);
			}
			node = child;
		}
		node.selfSize += bytes;
	}
	const freeze = (b: Building): ProfileNode => ({ callFrame: b.callFrame, selfSize: Math.round(b.selfSize), id: b.id, children: [...b.children.values()].map(freeze) });
	return { head: freeze(root) };
}
