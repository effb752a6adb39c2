// A browser page (Chrome, Chromium, an Electron renderer) read through the protocol alone: nothing is injected
// into a page. Runtime.getHeapUsage gives its JS heap; Performance.getMetrics its DOM nodes, event listeners
// and documents. A page has no RSS, handles or GC events of its own here, so its readings have none.
import type { Reading, TargetInfo } from '../types.js';

type Send = <T>(method: string, params?: object) => Promise<T>;

/** Which runtime answers: an expression every V8 embedder can evaluate. Deno first: it also has `process`. */
export const RUNTIME_EXPRESSION = "typeof Deno === 'object' && Deno.version ? 'deno' : typeof process === 'object' && process.versions && process.versions.node ? 'node' : 'browser'";

export async function browserInfo(send: Send): Promise<Omit<TargetInfo, 'url'>> {
	const { result } = await send<{ result: { value?: { title: string; href: string; agent: string; origin: number } } }>('Runtime.evaluate', {
		expression: '({ title: document.title, href: location.href, agent: navigator.userAgent, origin: performance.timeOrigin })', returnByValue: true, silent: true,
	});
	const page = result.value ?? { title: '', href: '', agent: '', origin: Date.now() };
	const product = /(HeadlessChrome|Chrome|Chromium|Electron)\/[\d.]+/.exec(page.agent)?.[0] ?? 'browser';
	return { runtime: 'browser', nodeVersion: product, title: page.title || page.href, argv: [page.href], startedAt: Math.round(page.origin) };
}

export async function browserRead(send: Send): Promise<Reading> {
	const t = Date.now();
	const [usage, { metrics }] = await Promise.all([
		send<{ usedSize: number; totalSize: number }>('Runtime.getHeapUsage'),
		send<{ metrics: { name: string; value: number }[] }>('Performance.getMetrics'),
	]);
	const metric = (name: string) => metrics.find((m) => m.name === name)?.value;
	const nodes = metric('Nodes');
	const listeners = metric('JSEventListeners');
	const documents = metric('Documents');
	const dom = nodes !== undefined && listeners !== undefined && documents !== undefined ? { nodes, listeners, documents } : undefined;
	return { t, heapUsed: usage.usedSize, heapTotal: usage.totalSize, ...(dom ? { dom } : {}) };
}
