// The install path users take: `npm pack` (what `npm install -g memtop` gets), laid out as a global install does
// (the package under PREFIX/lib/node_modules, its bin linked into PREFIX/bin and made executable), with only its
// production dependencies beside it, and run from elsewhere: --version, --help and a short --json run of the
// bundled demo. A file left out of "files", a devDependency imported at run time or a broken bin fails here.
// (The dependencies come from this checkout's node_modules, not the registry: tests reach loopback only.
// .ci/run also installs the packed tarball from the registry for real.)
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const manifest = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8')) as { name: string; version: string; bin: Record<string, string> };

/** Lay the packed tarball out as `npm install -g --prefix prefix` would; the path of the linked bin. */
function installGlobally(tarball: string, prefix: string): string {
	const lib = path.join(prefix, 'lib', 'node_modules', manifest.name);
	fs.mkdirSync(lib, { recursive: true });
	execFileSync('tar', ['-xzf', tarball, '-C', lib, '--strip-components=1']);
	// The production dependency tree only, each package where npm hoisted it.
	const modules = path.join(lib, 'node_modules');
	const prod = execFileSync('npm', ['ls', '--omit=dev', '--all', '--parseable'], { cwd: root, encoding: 'utf8' }).trim().split('\n').slice(1);
	for (const dir of prod) {
		const name = path.relative(path.join(root, 'node_modules'), dir);
		if (name.includes('node_modules')) continue; // nested under another package: it comes with that one
		fs.mkdirSync(path.dirname(path.join(modules, name)), { recursive: true });
		fs.symlinkSync(dir, path.join(modules, name));
	}
	const [[command, target]] = Object.entries(manifest.bin);
	const bin = path.join(prefix, 'bin', command);
	fs.mkdirSync(path.dirname(bin), { recursive: true });
	fs.symlinkSync(path.relative(path.dirname(bin), path.join(lib, target)), bin);
	fs.chmodSync(path.join(lib, target), 0o755);
	return bin;
}

test('npm pack, installed as -g installs it: memtop --version, --help and a --json run of the bundled demo, from another folder', async (t) => {
	const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'memtop-install-'));
	t.after(() => fs.rmSync(dir, { recursive: true, force: true }));
	// --ignore-scripts: `npm test` has just built dist/, and prepack's tsc would rewrite it file by file while other
	// tests run dist/cli.js (CI saw a screen test load a half-written module). .ci/run packs with prepack, after the tests.
	const packed = execFileSync('npm', ['pack', '--ignore-scripts', '--silent', '--pack-destination', dir], { cwd: root, encoding: 'utf8' }).trim().split('\n').at(-1)!;
	const bin = installGlobally(path.join(dir, packed), path.join(dir, 'prefix'));
	const elsewhere = fs.mkdtempSync(path.join(dir, 'work-'));
	const run = (...args: string[]) => spawnSync(bin, args, { cwd: elsewhere, encoding: 'utf8', timeout: 60_000 });

	assert.equal(run('--version').stdout.trim(), manifest.version);
	assert.match(run('--help').stdout, /^memtop: watch the memory of a live Node.js process/);
	const demo = run('--demo', '--json', '--duration', '3', '--interval', '500');
	assert.equal(demo.status, 0, demo.stderr);
	const records = demo.stdout.trim().split('\n').map((line) => JSON.parse(line) as { type: string; heapUsed?: number });
	assert.ok(records.some((r) => r.type === 'target'), 'the bundled demo was found and attached');
	assert.ok(records.filter((r) => r.type === 'sample' && (r.heapUsed ?? 0) > 0).length >= 3, 'it was read');
	assert.deepEqual(fs.readdirSync(elsewhere), [], 'nothing written where it ran');
});
