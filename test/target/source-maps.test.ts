// Source maps read as memtop reads them, from a real tsc build: a map file beside the script, an inline one,
// a broken one (said once), and stack lines moved to the .ts source.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { SourceMaps } from '../../source/target/source-maps.js';
import { mapStackLine } from '../../source/model/stack-line.js';
import { fixture } from '../helpers/target.js';

const tsc = fileURLToPath(new URL('../../node_modules/typescript/bin/tsc', import.meta.url));
const lineOf = (file: string) => fs.readFileSync(file, 'utf8').split('\n').findIndex((l) => l.startsWith('function cacheResponse')) + 1;
const tsLine = lineOf(fixture('ts-leak/src/app.ts'));

function build(t: { after(fn: () => void): void }, ...flags: string[]): string {
	const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'memtop-ts-'));
	t.after(() => fs.rmSync(dir, { recursive: true, force: true }));
	execFileSync(process.execPath, [tsc, '-p', fixture('ts-leak'), '--outDir', dir, ...flags]);
	return path.join(dir, 'app.js');
}
const sourceMapURL = (app: string) => /\/\/# sourceMappingURL=(\S+)/.exec(fs.readFileSync(app, 'utf8'))![1];

test('a map file beside the script and an inline map both lead to the .ts line; the .ts text comes from disk', async (t) => {
	for (const flags of [[], ['--sourceMap', 'false', '--inlineSourceMap', 'true']]) {
		const app = build(t, ...flags);
		const maps = new SourceMaps(async () => [{ scriptId: '7', url: app, sourceMapURL: sourceMapURL(app) }]);
		await maps.learn(['7']);
		const found = maps.original('7', lineOf(app) - 1, 0);
		assert.ok(found?.url.endsWith('/ts-leak/src/app.ts'), `${flags}: ${found?.url}`);
		assert.equal(found.lineNumber, tsLine - 1);
		assert.equal(maps.original(app, lineOf(app) - 1, 0)?.lineNumber, tsLine - 1, 'by the script URL too (stack lines carry no id)');
		assert.equal(maps.sourceText(found.url), fs.readFileSync(fixture('ts-leak/src/app.ts'), 'utf8'));
		assert.deepEqual(maps.notes, []);
	}
});

test('a broken map is said once and leaves the JavaScript location; scripts are listed again only for ids not seen', async (t) => {
	const app = build(t);
	fs.writeFileSync(`${app}.map`, '{ not json');
	let listed = 0;
	const maps = new SourceMaps(async () => {
		listed++;
		return [{ scriptId: '7', url: app, sourceMapURL: 'app.js.map' }, { scriptId: '8', url: 'node:fs' }];
	});
	await maps.learn(['7', '8']);
	await maps.learn(['7', '8', '']);
	assert.equal(listed, 1);
	assert.equal(maps.original('7', lineOf(app) - 1, 0), undefined);
	assert.equal(maps.notes.length, 1);
	assert.match(maps.notes[0], /^app\.js: its map app\.js\.map could not be read \(.+\); its JavaScript locations are shown$/);
});

test('stack lines move to the original source, with or without a function name; others stay', async (t) => {
	const app = build(t);
	const maps = new SourceMaps(async () => [{ scriptId: '7', url: app, sourceMapURL: 'app.js.map' }]);
	await maps.learn(['7']);
	const map = (url: string, line: number, column: number) => {
		const found = maps.original(url, line - 1, column - 1);
		return found && { url: found.url, line: found.lineNumber + 1, column: found.columnNumber + 1 };
	};
	const jsLine = lineOf(app);
	assert.match(mapStackLine(`cacheResponse (${app}:${jsLine}:1)`, map), new RegExp(`^cacheResponse \\(/.*/ts-leak/src/app\\.ts:${tsLine}:\\d+\\)$`));
	assert.match(mapStackLine(`${app}:${jsLine}:1`, map), new RegExp(`/ts-leak/src/app\\.ts:${tsLine}:\\d+$`));
	assert.equal(mapStackLine('Timeout.listOnTimeout (node:internal/timers:581:17)', map), 'Timeout.listOnTimeout (node:internal/timers:581:17)');
	assert.equal(mapStackLine('new Promise (<anonymous>)', map), 'new Promise (<anonymous>)');
});
