// The ? screen's lines, from the one keymap table: the keys of the view it was opened from first, then the
// other views' keys as far as the screen has room. Pure.
import { keymap, LIVE_ONLY, type Scope, type View } from './keymap.js';
import { styledLine } from './styled-line.js';

const SCOPE_TITLES: Record<Scope, string> = { global: 'everywhere', charts: 'charts', report: 'snapshot report', top: 'allocation top', leaks: 'leaks', list: 'process list', replay: 'replay: the time cursor' };

/** Replaying: the time cursor's keys first, and none of the keys that act on a live process. */
export function helpLines(view: View, width: number, height: number, replay = false): string[] {
	const views = (['charts', 'report', 'top', 'leaks', 'list'] as const).filter((s) => s !== view && !(replay && s === 'report'));
	const order: Scope[] = replay ? ['replay', 'global', view, ...views] : ['global', view, ...views];
	const title = replay ? 'memtop keys, replaying a recording' : 'memtop keys';
	const lines = [styledLine([{ text: title, bold: true }, { text: '  (any key closes this)', dim: true }], width)];
	for (const scope of order) {
		const bindings = keymap.filter((b) => b.scope === scope && !(replay && LIVE_ONLY.includes(b.action) && !(scope === 'list' && b.action === 'open')));
		if (bindings.length === 0) continue;
		if (lines.length + 1 + bindings.length > height - 1) break; // a group is shown whole or not at all
		lines.push(styledLine([{ text: SCOPE_TITLES[scope], bold: true, color: 'cyan' }], width));
		for (const b of bindings) lines.push(styledLine([{ text: `  ${b.keys.join(' / ').padEnd(14)}`, bold: true }, { text: b.description }], width));
	}
	lines.push(styledLine([{ text: 'Charts: G forced GC, S heap snapshot, R target restarted, C reconnected. Blank columns are readings that failed.', dim: true }], width));
	while (lines.length < height) lines.push('');
	return lines.slice(0, height);
}
