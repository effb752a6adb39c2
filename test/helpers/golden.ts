// Golden files: expected text kept in test/golden/, compared whole. `UPDATE_GOLDEN=1 npm test` rewrites them
// from what the code prints now, and a reviewer reads the diff (pprof's way of testing its reports).
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const dir = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', 'golden');

/** Assert text equals test/golden/<name> (or write it there under UPDATE_GOLDEN=1). */
export function assertGolden(name: string, text: string): void {
	const file = path.join(dir, name);
	if (process.env.UPDATE_GOLDEN === '1') {
		fs.writeFileSync(file, text);
		return;
	}
	assert.ok(fs.existsSync(file), `no golden file ${name}: run UPDATE_GOLDEN=1 npm test and read what it wrote`);
	assert.equal(text, fs.readFileSync(file, 'utf8'), `differs from test/golden/${name} (UPDATE_GOLDEN=1 rewrites it)`);
}
