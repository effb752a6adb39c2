// V8's sampling heap profile (HeapProfiler.getSamplingProfile, and the .heapprofile files DevTools saves).
// A tree of call frames; each node's selfSize is the bytes V8 estimates were allocated there (scaled from
// the samples), and `samples` lists the individual samples (size and node) when V8 provides them.

export interface CallFrame {
	readonly functionName: string;
	readonly scriptId: string;
	readonly url: string;
	readonly lineNumber: number; // 0-based, as the protocol gives it
	readonly columnNumber: number;
}

export interface ProfileNode {
	readonly callFrame: CallFrame;
	readonly selfSize: number;
	readonly id: number;
	readonly children: readonly ProfileNode[];
}

export interface SamplingProfile {
	readonly head: ProfileNode;
	readonly samples?: readonly { readonly size: number; readonly nodeId: number; readonly ordinal: number }[];
}

/** Whether parsed JSON has the shape of a sampling heap profile. */
export function isSamplingProfile(value: unknown): value is SamplingProfile {
	const head = (value as { head?: { callFrame?: unknown; children?: unknown; selfSize?: unknown } } | null)?.head;
	return typeof head === 'object' && head !== null && typeof head.callFrame === 'object' && Array.isArray(head.children) && typeof head.selfSize === 'number';
}

/** Visit every node depth first with its ancestors (root first, the node itself last). */
export function walk(profile: SamplingProfile, visit: (node: ProfileNode, path: readonly ProfileNode[]) => void): void {
	const path: ProfileNode[] = [];
	const stack: { node: ProfileNode; depth: number }[] = [{ node: profile.head, depth: 0 }];
	while (stack.length > 0) {
		const { node, depth } = stack.pop()!;
		path.length = depth;
		path.push(node);
		visit(node, path);
		for (let i = node.children.length - 1; i >= 0; i--) stack.push({ node: node.children[i], depth: depth + 1 });
	}
}

/**
 * Estimated object counts, one function per node: its samples scaled by the same factor V8 applied to its
 * bytes (V8 scaled the sampled bytes up to selfSize). Nodes without samples count 0.
 */
export function objectCounter(profile: SamplingProfile): (node: ProfileNode) => number {
	const sampled = new Map<number, { count: number; bytes: number }>();
	for (const sample of profile.samples ?? []) {
		const entry = sampled.get(sample.nodeId);
		if (entry) {
			entry.count++;
			entry.bytes += sample.size;
		} else {
			sampled.set(sample.nodeId, { count: 1, bytes: sample.size });
		}
	}
	return (node) => {
		const entry = sampled.get(node.id);
		return entry && entry.bytes > 0 ? (entry.count * node.selfSize) / entry.bytes : 0;
	};
}
