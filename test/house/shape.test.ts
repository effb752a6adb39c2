// The house's size rules, read from the source: no file over 300 lines, no function over 60. Long ones are
// where a second idea hides; the TypeScript parser finds every function, method, arrow and class body.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';

const SOURCE = fileURLToPath(new URL('../../source/', import.meta.url));
const MAX_FILE_LINES = 300;
const MAX_FUNCTION_LINES = 60;
/** The code memtop evaluates in a target is one script by design (installed and removed as one unit). */
const ONE_SCRIPT = new Set(['target/probe/probe-source.ts', 'target/probe/handle-tracer-source.ts', 'target/probe/deno-probe.ts']);

function sourceFiles(dir = SOURCE): string[] {
	return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
		const full = path.join(dir, entry.name);
		return entry.isDirectory() ? sourceFiles(full) : /\.tsx?$/.test(entry.name) && !entry.name.endsWith('.d.ts') ? [full] : [];
	});
}

/** Functions longer than the limit: "file:line name (N lines)". */
export function longFunctions(file: string, text: string, limit: number): string[] {
	const source = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true, file.endsWith('x') ? ts.ScriptKind.TSX : ts.ScriptKind.TS);
	const found: string[] = [];
	const visit = (node: ts.Node) => {
		if (ts.isFunctionLike(node) && 'body' in node && node.body) {
			const first = source.getLineAndCharacterOfPosition(node.getStart()).line;
			const last = source.getLineAndCharacterOfPosition(node.end).line;
			const name = (node as ts.FunctionLikeDeclaration).name?.getText() ?? '(anonymous)';
			if (last - first + 1 > limit) found.push(`${file}:${first + 1} ${name} (${last - first + 1} lines)`);
		}
		ts.forEachChild(node, visit);
	};
	visit(source);
	return found;
}

test(`no source file is over ${MAX_FILE_LINES} lines`, () => {
	const long = sourceFiles().map((file) => [path.relative(SOURCE, file), fs.readFileSync(file, 'utf8').split('\n').length - 1] as const).filter(([, lines]) => lines > MAX_FILE_LINES);
	assert.deepEqual(long, []);
});

test(`no function is over ${MAX_FUNCTION_LINES} lines`, () => {
	const long = sourceFiles().filter((file) => !ONE_SCRIPT.has(path.relative(SOURCE, file).split(path.sep).join('/')))
		.flatMap((file) => longFunctions(path.relative(SOURCE, file), fs.readFileSync(file, 'utf8'), MAX_FUNCTION_LINES));
	assert.deepEqual(long, []);
});

test('the function measure sees functions, methods and arrows', () => {
	const body = (n: number) => Array.from({ length: n }, () => '\tx();').join('\n');
	const text = `function a() {\n${body(70)}\n}\nclass B {\n\tm() {\n${body(61)}\n\t}\n}\nconst c = () => {\n${body(10)}\n};\n`;
	assert.deepEqual(longFunctions('t.ts', text, 60).map((s) => s.replace(/ \(.*/, '')), ['t.ts:1 a', 't.ts:74 m']);
});
