// Record test/fixtures/snapshots/nodeNN.heapsnapshot.br: one small snapshot per supported Node major, so the
// parser and the summary are tested against each V8's format without starting that Node. Brotli keeps each
// near 0.7 MB. Run again when a new major changes the format; the test's expected figures come from memlab.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import { fileURLToPath } from 'node:url';
import { nodeBinary } from './node-runtimes.js';

const dir = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', 'test', 'fixtures', 'snapshots');
for (const major of [20, 22, 24, 26]) {
	const raw = path.join(os.tmpdir(), `memtop-fixture-${process.pid}-${major}.heapsnapshot`);
	try {
		execFileSync(nodeBinary(major), [path.join(dir, 'write-snapshot.cjs'), raw], { stdio: 'inherit' });
		const bytes = fs.readFileSync(raw);
		const packed = zlib.brotliCompressSync(bytes, { params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 11, [zlib.constants.BROTLI_PARAM_LGWIN]: 24 } });
		fs.writeFileSync(path.join(dir, `node${major}.heapsnapshot.br`), packed);
		console.log(`node${major}.heapsnapshot.br: ${bytes.length} bytes, ${packed.length} packed (${execFileSync(nodeBinary(major), ['--version'], { encoding: 'utf8' }).trim()})`);
	} finally {
		fs.rmSync(raw, { force: true });
	}
}
