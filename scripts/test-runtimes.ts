// The runtime matrix: the integration tests that start Node targets, once per supported Node major (from the
// npm registry, see node-runtimes.ts), memtop itself on the test runner's Node. Prints one line per major and
// exits non-zero if any failed. Deno and Chromium tests are left out: their targets are no Node.
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { RUNTIME_MAJORS, nodeBinary } from './node-runtimes.js';

const root = path.join(path.dirname(fileURLToPath(import.meta.url)), '..');
const dir = path.join(root, 'test', 'integration');
const files = fs.readdirSync(dir).filter((f) => f.endsWith('.test.ts') && !/^(deno|chromium)\./.test(f)).sort().map((f) => path.join(dir, f));
const majors = process.argv.slice(2).map(Number).filter(Boolean);
const results: string[] = [];
let failed = false;
for (const major of majors.length > 0 ? majors : RUNTIME_MAJORS) {
	const node = nodeBinary(major);
	const version = spawnSync(node, ['--version'], { encoding: 'utf8' }).stdout.trim();
	console.log(`\n== integration tests with Node ${version} targets (memtop on ${process.version})`);
	// Shown as it runs and kept, for the counts.
	const child = spawn(process.execPath, ['--import', 'tsx', '--test', '--test-concurrency=2', '--test-timeout=300000', ...files], {
		cwd: root,
		env: { ...process.env, MEMTOP_TEST_NODE: node },
		stdio: ['ignore', 'pipe', 'inherit'],
	});
	let output = '';
	child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
		output += chunk;
		process.stdout.write(chunk);
	});
	const status = await new Promise<number | null>((resolve) => child.on('close', resolve));
	const count = (what: string) => output.match(new RegExp(`^# ${what} (\\d+)$`, 'm'))?.[1] ?? '?';
	results.push(`Node ${version} targets: ${count('pass')} passed, ${count('fail')} failed${status === 0 ? '' : ` (exit ${status})`}`);
	if (status !== 0) failed = true;
}
console.log(`\n${results.join('\n')}`);
process.exit(failed ? 1 : 0);
