// Which of its script's own functions a function calls, read from the source. V8's sampler names only the
// outermost function of optimized code: when a small allocating helper was inlined into its caller before the
// first sample (Node 22 optimizes sooner), no sample ever names the helper, and the suspect is a callback such
// as `setInterval(() => ...)`. Its source still says what it calls. A reading, not a parse: braces, strings and
// comments are skipped well enough for the function bodies people write; what it cannot find it leaves out.
import type { Frame } from './top.js';

const NOT_CALLS = new Set(['if', 'for', 'while', 'switch', 'catch', 'function', 'return', 'typeof', 'await', 'new', 'super', 'import', 'require']);

/** The text of the function whose header is on `line` (1-based): from its first `{` to the matching `}`. */
export function functionBody(lines: readonly string[], line: number): string | undefined {
	const text = lines.slice(line - 1).join('\n');
	const open = text.indexOf('{');
	if (open < 0) return undefined;
	let depth = 0;
	for (let i = open; i < text.length; i++) {
		const c = text[i];
		if (c === '"' || c === "'" || c === '`') i = endOfString(text, i);
		else if (c === '/' && text[i + 1] === '/') i = text.indexOf('\n', i) < 0 ? text.length : text.indexOf('\n', i);
		else if (c === '/' && text[i + 1] === '*') i = text.indexOf('*/', i + 2) < 0 ? text.length : text.indexOf('*/', i + 2) + 1;
		else if (c === '{') depth++;
		else if (c === '}' && --depth === 0) return text.slice(open, i + 1);
	}
	return undefined;
}

function endOfString(text: string, start: number): number {
	for (let i = start + 1; i < text.length; i++) {
		if (text[i] === '\\') i++;
		else if (text[i] === text[start]) return i;
	}
	return text.length;
}

/** Where each function of the script is declared (`function f(`, `const f = (...) =>`, `const f = function`). */
export function declaredFunctions(lines: readonly string[]): Map<string, number> {
	const declared = new Map<string, number>();
	const patterns = [/\bfunction\s*\*?\s*([A-Za-z_$][\w$]*)\s*\(/g, /\b(?:const|let|var)\s+([A-Za-z_$][\w$]*)\s*=\s*(?:async\s*)?(?:function\b|\([^)]*\)\s*=>|[A-Za-z_$][\w$]*\s*=>)/g];
	lines.forEach((text, index) => {
		for (const pattern of patterns) for (const match of text.matchAll(pattern)) if (!declared.has(match[1])) declared.set(match[1], index + 1);
	});
	return declared;
}

/** The script's own functions that the function at `frame.line` calls, in the order it calls them. */
export function calledFunctions(lines: readonly string[], frame: Frame): Frame[] {
	const body = functionBody(lines, frame.line);
	if (!body) return [];
	const declared = declaredFunctions(lines);
	const called: Frame[] = [];
	for (const match of body.matchAll(/(^|[^.\w$])([A-Za-z_$][\w$]*)\s*\(/g)) {
		const name = match[2];
		const line = declared.get(name);
		if (line === undefined || NOT_CALLS.has(name) || name === frame.name || called.some((f) => f.name === name)) continue;
		called.push({ name, url: frame.url, line });
	}
	return called;
}

/**
 * Follow the first of the script's own functions called, then the first that one calls, and so on: the
 * function at the end is the one that allocates when V8 inlined a chain of them (a callback calling a handler
 * calling a helper, two levels deep). The chain, outermost first; empty when the function calls none.
 */
export function callChain(lines: readonly string[], frame: Frame, maxDepth = 4): Frame[] {
	const chain: Frame[] = [];
	let at = frame;
	while (chain.length < maxDepth) {
		const next = calledFunctions(lines, at).find((f) => f.name !== frame.name && !chain.some((c) => c.name === f.name));
		if (!next) break;
		chain.push(next);
		at = next;
	}
	return chain;
}
