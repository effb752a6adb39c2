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
	const children = new Map();
	let root;
	heap.nodes.forEach((node) => {
		const dominator = node.dominatorNode;
		if (!dominator || dominator.nodeIndex === node.nodeIndex) root = node.nodeIndex;
		else {
			if (!children.has(dominator.nodeIndex)) children.set(dominator.nodeIndex, []);
			children.get(dominator.nodeIndex).push(node.nodeIndex);
		}
		if (node.self_size === 0) return;
		const name = label(node);
		const row = rows.get(name) ?? { name, count: 0, selfSize: 0, retainedSize: 0 };
		row.count++;
		row.selfSize += node.self_size;
		rows.set(name, row);
	});
	// Class retained size as DevTools computes it: an instance counts unless a counted instance of its class dominates it.
	const active = new Map();
	const stack = [[root, false]];
	while (stack.length) {
		const top = stack[stack.length - 1];
		const node = heap.nodes.get(top[0]);
		const name = label(node);
		if (!top[1]) {
			top[1] = true;
			top[2] = false;
			if (!active.get(name) && node.self_size > 0) {
				rows.get(name).retainedSize += node.retainedSize;
				active.set(name, 1);
				top[2] = true;
			}
			for (const child of children.get(top[0]) ?? []) stack.push([child, false]);
		} else {
			stack.pop();
			if (top[2]) active.set(name, 0);
		}
	}
	fs.writeFileSync(out, JSON.stringify({ ms, peakRss: rss, constructors: [...rows.values()] }));
})().catch((error) => {
	console.error(error);
	process.exit(1);
});
