// Peer run for bench/snapshot.ts: memlab parses the snapshot and computes dominators and retained sizes
// (getFullHeapFromFile); we time that and read the peak RSS, then group its nodes with DevTools' Summary
// rules (the same rules memtop uses) so the two results can be compared class by class.
// Usage: node memlab-summary.cjs <memlab install dir> <snapshot> <result.json>
const fs = require('node:fs');
const path = require('node:path');
const [dir, file, out] = process.argv.slice(2);
const { getFullHeapFromFile } = require(path.join(dir, 'node_modules', '@memlab', 'heap-analysis'));
const peakRss = () => Number(/VmHWM:\s+(\d+) kB/.exec(fs.readFileSync('/proc/self/status', 'utf8'))[1]) * 1024;

(async () => {
	const t0 = performance.now();
	const heap = await getFullHeapFromFile(file);
	const ms = performance.now() - t0;
	const rss = peakRss();
	// memtop's Summary rules (graph.ts className): a realm is a class of its own; no empty context label.
	const label = (node) => {
		const type = node.type;
		if (type === 'object' || type === 'native') return node.name.endsWith(' / ') ? node.name.slice(0, -3) : node.name;
		if (type === 'hidden') return node.name === 'system / NativeContext' ? node.name : '(system)';
		if (type === 'code') return '(compiled code)';
		return `(${type})`;
	};
	const rows = new Map();
	// The dominator tree as typed arrays (counting sort by dominator): a Map of children overflows V8's Map size
	// limit (2^24 entries) on the 33.8 M nodes of a 2.5 GB snapshot.
	const n = heap.nodes.length;
	const dominatorOf = new Int32Array(n).fill(-1);
	let root = -1;
	heap.nodes.forEach((node) => {
		const dominator = node.dominatorNode;
		if (!dominator || dominator.nodeIndex === node.nodeIndex) root = node.nodeIndex;
		else dominatorOf[node.nodeIndex] = dominator.nodeIndex;
		if (node.self_size === 0) return;
		const name = label(node);
		const row = rows.get(name) ?? { name, count: 0, selfSize: 0, retainedSize: 0 };
		row.count++;
		row.selfSize += node.self_size;
		rows.set(name, row);
	});
	const firstChild = new Int32Array(n + 1);
	for (let i = 0; i < n; i++) if (dominatorOf[i] >= 0) firstChild[dominatorOf[i] + 1]++;
	for (let i = 0; i < n; i++) firstChild[i + 1] += firstChild[i];
	const children = new Int32Array(n);
	const fill = firstChild.slice(0, n);
	for (let i = 0; i < n; i++) if (dominatorOf[i] >= 0) children[fill[dominatorOf[i]]++] = i;
	// Class retained size as DevTools computes it: an instance counts unless a counted instance of its class dominates it.
	const active = new Map();
	const stack = new Int32Array(n); // each node is pushed once, by its dominator
	const entered = new Uint8Array(n);
	const counted = new Uint8Array(n);
	let top = 0;
	stack[top++] = root;
	while (top > 0) {
		const index = stack[top - 1];
		const node = heap.nodes.get(index);
		const name = label(node);
		if (!entered[index]) {
			entered[index] = 1;
			if (!active.get(name) && node.self_size > 0) {
				rows.get(name).retainedSize += node.retainedSize;
				active.set(name, 1);
				counted[index] = 1;
			}
			for (let i = firstChild[index]; i < firstChild[index + 1]; i++) stack[top++] = children[i];
		} else {
			top--;
			if (counted[index]) active.set(name, 0);
		}
	}
	fs.writeFileSync(out, JSON.stringify({ ms, peakRss: rss, constructors: [...rows.values()] }));
})().catch((error) => {
	console.error(error);
	process.exit(1);
});
