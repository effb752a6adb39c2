// System tools some tests drive (the real terminal, Prometheus's checker and server, a browser): on a machine
// with only Node those tests skip, each saying which tool it needs and how to get it; with MEMTOP_TEST_ALL=1
// (CI, after installing them) a missing tool fails the run instead, so nothing skips unseen.
import { spawnSync } from 'node:child_process';

const HOW: Record<string, string> = {
	tmux: 'apt-get install tmux',
	promtool: 'apt-get install prometheus',
	prometheus: 'apt-get install prometheus',
	chromium: 'apt-get install chromium',
};

const found = new Map<string, boolean>();
const has = (tool: string) => found.get(tool) ?? found.set(tool, spawnSync('sh', ['-c', `command -v ${tool}`], { stdio: 'ignore' }).status === 0).get(tool)!;

/** Options for test(): skip, naming the missing tools and how to install them; fail under MEMTOP_TEST_ALL=1. */
export function needs(...tools: (keyof typeof HOW)[]): { skip?: string } {
	const missing = tools.filter((tool) => !has(tool));
	if (missing.length === 0) return {};
	const reason = `needs ${missing.map((tool) => `${tool} (${HOW[tool]})`).join(', ')}`;
	if (process.env.MEMTOP_TEST_ALL === '1') throw new Error(`MEMTOP_TEST_ALL=1, but this test ${reason}`);
	return { skip: reason };
}
