// The layers of source/ import one way only: reads every import and checks it against the table below, so a
// shortcut across layers (the protocol importing the CLI's types, a pure renderer importing a component) fails.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const SOURCE = fileURLToPath(new URL('../../source/', import.meta.url));

/** What each folder may import, besides itself and the shared records at the root (types.ts, errors.ts). */
const MAY_IMPORT: Readonly<Record<string, readonly string[]>> = {
	model: [],
	analysis: ['model'],
	target: ['model'],
	watch: ['model', 'analysis', 'target'],
	render: ['model', 'analysis', 'watch'],
	tui: ['model', 'analysis', 'watch', 'render'],
	headless: ['model', 'analysis', 'watch', 'render'],
	exporters: ['model', 'analysis', 'watch'],
	commands: ['model', 'analysis', 'target', 'watch', 'render', 'tui', 'headless', 'exporters'],
};
/** Imports from render/ into watch/ may only be types (a renderer reads a status; it does not run it). */
const TYPE_ONLY: Readonly<Record<string, readonly string[]>> = { render: ['watch'] };
const SHARED = new Set(['types.ts', 'errors.ts']);

function sourceFiles(dir = SOURCE): string[] {
	return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
		const full = path.join(dir, entry.name);
		return entry.isDirectory() ? sourceFiles(full) : /\.tsx?$/.test(entry.name) && !entry.name.endsWith('.d.ts') ? [full] : [];
	});
}

/** The relative imports of a file: [specifier, type-only?]. */
export function relativeImports(text: string): [string, boolean][] {
	const found: [string, boolean][] = [];
	for (const match of text.matchAll(/^\s*(import|export)\s+(type\s+)?(?:[^'"]*?\s+from\s+)?['"](\.[^'"]+)['"]/gm)) found.push([match[3], Boolean(match[2])]);
	for (const match of text.matchAll(/import\(\s*['"](\.[^'"]+)['"]\s*\)/g)) found.push([match[1], false]);
	return found;
}

const layerOf = (file: string) => path.relative(SOURCE, file).split(path.sep)[0];

test('each layer imports only the layers below it', () => {
	const broken: string[] = [];
	for (const file of sourceFiles()) {
		const from = layerOf(file);
		for (const [spec, typeOnly] of relativeImports(fs.readFileSync(file, 'utf8'))) {
			const to = layerOf(path.resolve(path.dirname(file), spec));
			if (to === from || SHARED.has(to.replace(/\.js$/, '.ts'))) continue;
			if (from === 'cli.ts') continue; // the entry point sits above everything
			if (SHARED.has(from)) { broken.push(`${from} (a shared record) imports ${spec}`); continue; }
			const allowed = (MAY_IMPORT[from] ?? []).includes(to) && !(TYPE_ONLY[from]?.includes(to) && !typeOnly);
			if (!allowed) broken.push(`${path.relative(SOURCE, file)} imports ${spec} (${from} → ${to})`);
		}
	}
	assert.deepEqual(broken, []);
});

test('the source root holds only the entry point and the shared records', () => {
	const loose = fs.readdirSync(SOURCE, { withFileTypes: true }).filter((e) => e.isFile()).map((e) => e.name).sort();
	assert.deepEqual(loose, ['cli.ts', 'errors.ts', 'types.ts']);
	assert.deepEqual(Object.keys(MAY_IMPORT).sort(), fs.readdirSync(SOURCE, { withFileTypes: true }).filter((e) => e.isDirectory()).map((e) => e.name).sort());
});

test('the import reader sees every form of import it judges', () => {
	assert.deepEqual(relativeImports(`import a from './a.js';\nimport type { B } from '../b.js';\nexport { c } from './c.js';\nimport './d.js';\nconst e = await import('../e.js');`),
		[['./a.js', false], ['../b.js', true], ['./c.js', false], ['./d.js', false], ['../e.js', false]]);
});
