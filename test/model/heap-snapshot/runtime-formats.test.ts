// One small snapshot recorded on each supported Node major (test/fixtures/snapshots, made by
// scripts/record-snapshot-fixtures.ts): the parser, the summary and retainer paths on each V8's format without
// starting that Node. The Session figures were checked against memlab 2.0.5 on the same files.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import { analyzeFile } from '../../../source/analysis/analyze.js';
import { formatPath, retainersOf } from '../../../source/model/heap-snapshot/retainers.js';

/** What memlab's getFullHeapFromFile gives for the 200 Sessions, and the global each V8 names. */
const FORMATS = [
	{ major: 20, global: 'global' },
	{ major: 22, global: 'global' },
	{ major: 24, global: 'global' },
	{ major: 26, global: 'global (global*)' },
];

for (const { major, global } of FORMATS) {
	test(`Node ${major}'s snapshot: Sessions as memlab counts them, the global at the top, paths from the global`, (t) => {
		const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'memtop-format-'));
		t.after(() => fs.rmSync(dir, { recursive: true, force: true }));
		const file = path.join(dir, `node${major}.heapsnapshot`);
		fs.writeFileSync(file, zlib.brotliDecompressSync(fs.readFileSync(new URL(`../../fixtures/snapshots/node${major}.heapsnapshot.br`, import.meta.url))));
		const { graph, doms, classes, summary } = analyzeFile(file);
		const row = (name: string) => summary.constructors.find((c) => c.name === name);

		assert.deepEqual(row('Session'), { name: 'Session', count: 200, selfSize: 9600, retainedSize: 27200 }, 'memlab 2.0.5 on the same file: 200, 9600 B, 27200 B');
		// The program's roots retain nearly everything; V8 internals alone, (system), do not.
		const top = summary.constructors[0];
		assert.equal(top.name, major >= 26 ? 'system / NativeContext' : 'global', JSON.stringify(summary.constructors.slice(0, 3)));
		assert.ok(top.retainedSize > 0.8 * summary.totalSize, `${top.name} retains ${top.retainedSize} of ${summary.totalSize}`);
		assert.ok(row('(system)')!.retainedSize < 0.15 * summary.totalSize, `(system) retains ${row('(system)')!.retainedSize} of ${summary.totalSize}`);
		assert.ok(row(global), `a row for the global object, ${global}`);
		assert.deepEqual(summary.constructors.filter((c) => c.name.endsWith(' / ')).map((c) => c.name), [], 'no empty context labels');

		const [largest] = retainersOf(graph, doms, classes, 'Session', 1).instances;
		assert.match(formatPath(largest.path), new RegExp(`^${global.replace(/[()*]/g, '\\$&')}\\.keep → Map\\{table\\} → \\(array\\)\\{\\d+\\} → Session @\\d+$`));
	});
}
