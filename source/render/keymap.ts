import { TRACE_MS } from '../model/handle-types.js';

// The one table of keys: input handling, the footer and the help screen all read it, so they cannot disagree.
// Charts keys work on the charts; report keys in the snapshot report; global keys everywhere.
export type Action =
	| 'quit' | 'help' | 'gc' | 'freeze' | 'widen' | 'narrow' | 'snapshot' | 'report'
	| 'up' | 'down' | 'open' | 'back' | 'diff' | 'top' | 'sort' | 'mode' | 'unit' | 'fold' | 'profile' | 'leaks' | 'handles'
	| 'earlier' | 'later' | 'minute-earlier' | 'minute-later' | 'first' | 'last' | 'play' | 'speed';

/** replay: the time cursor's keys, which come first when a recording is replayed (space plays there). */
export type Scope = 'global' | 'charts' | 'report' | 'top' | 'leaks' | 'list' | 'replay';
export type View = Exclude<Scope, 'global' | 'replay'>;

export interface Binding {
	readonly keys: readonly string[]; // what the user presses; 'ctrl+c', 'space', 'up', 'enter' ... are spelled out
	readonly label: string; // how the footer and help name the key
	readonly action: Action;
	readonly short: string; // the footer's word for it
	readonly description: string;
	readonly scope: Scope;
}

export const keymap: readonly Binding[] = [
	{ keys: ['q', 'ctrl+c'], label: 'q', action: 'quit', short: 'quit', scope: 'global', description: 'quit: detach cleanly (a spawned target is stopped)' },
	{ keys: ['?'], label: '?', action: 'help', short: 'help', scope: 'global', description: 'show or hide this help' },
	{ keys: ['s'], label: 's', action: 'snapshot', short: 'snapshot', scope: 'global', description: 'heap snapshot: written to --out-dir, analysed, diffed against the previous one (a big heap asks first)' },
	{ keys: ['v'], label: 'v', action: 'report', short: 'report', scope: 'global', description: 'show or hide the last snapshot report' },
	{ keys: ['t'], label: 't', action: 'top', short: 'alloc top', scope: 'global', description: 'show or hide the live allocation top, full screen' },
	{ keys: ['l'], label: 'l', action: 'leaks', short: 'leaks', scope: 'global', description: 'show or hide the leak verdict\'s evidence, growing functions and the alert log' },
	{ keys: ['h'], label: 'h', action: 'handles', short: 'handle stacks', scope: 'global', description: `record where new handles are created for ${TRACE_MS / 1000} s (the leaking types, else all); l shows the ones still alive` },
	{ keys: ['p'], label: 'p', action: 'profile', short: 'profile', scope: 'global', description: 'write the allocation profile as shown (in use or allocated) as .heapprofile and pprof .pb.gz to --out-dir' },
	{ keys: ['escape'], label: 'esc', action: 'back', short: 'targets', scope: 'charts', description: 'the process list: every target watched, with its figures' },
	{ keys: ['g'], label: 'g', action: 'gc', short: 'GC', scope: 'charts', description: 'force a full GC in the target; marked G on the charts' },
	{ keys: ['space'], label: 'space', action: 'freeze', short: 'freeze', scope: 'charts', description: 'freeze the display (collection goes on)' },
	{ keys: ['+', '='], label: '+', action: 'widen', short: 'wider', scope: 'charts', description: 'widen the chart window' },
	{ keys: ['-', '_'], label: '-', action: 'narrow', short: 'narrower', scope: 'charts', description: 'narrow the chart window' },
	{ keys: ['up', 'k'], label: '↑', action: 'up', short: 'up', scope: 'report', description: 'select the constructor above' },
	{ keys: ['down', 'j'], label: '↓', action: 'down', short: 'down', scope: 'report', description: 'select the constructor below' },
	{ keys: ['enter'], label: 'enter', action: 'open', short: 'retainers', scope: 'report', description: 'largest instances of the selected constructor and what keeps them alive' },
	{ keys: ['d'], label: 'd', action: 'diff', short: 'summary/diff', scope: 'report', description: 'switch between the summary and the diff against the previous snapshot' },
	{ keys: ['escape'], label: 'esc', action: 'back', short: 'back', scope: 'report', description: 'back: from retainers to the table, from the table to the charts' },
	{ keys: ['up', 'k'], label: '↑', action: 'up', short: 'up', scope: 'top', description: 'select the function above' },
	{ keys: ['down', 'j'], label: '↓', action: 'down', short: 'down', scope: 'top', description: 'select the function below' },
	{ keys: ['enter'], label: 'enter', action: 'open', short: 'list', scope: 'top', description: 'list: the function\'s source, its callers and callees with their shares' },
	{ keys: ['escape'], label: 'esc', action: 'back', short: 'back', scope: 'top', description: 'back: from the list to the top, from the top to the charts' },
	{ keys: ['escape'], label: 'esc', action: 'back', short: 'back', scope: 'leaks', description: 'back to the charts' },
	{ keys: ['c'], label: 'c', action: 'sort', short: 'flat/cum', scope: 'top', description: 'sort by flat (the function itself) or cum (with its callees)' },
	{ keys: ['m'], label: 'm', action: 'mode', short: 'inuse/alloc', scope: 'top', description: 'in use (objects still alive) or allocated over the window (collected too); restarts the sampler' },
	{ keys: ['o'], label: 'o', action: 'unit', short: 'bytes/objects', scope: 'top', description: 'count bytes or objects' },
	{ keys: ['up', 'k'], label: '↑', action: 'up', short: 'up', scope: 'list', description: 'select the target above' },
	{ keys: ['down', 'j'], label: '↓', action: 'down', short: 'down', scope: 'list', description: 'select the target below' },
	{ keys: ['enter'], label: 'enter', action: 'open', short: 'dashboard', scope: 'list', description: 'the selected target\'s full dashboard (esc comes back here)' },
	{ keys: ['space'], label: 'space', action: 'play', short: 'play/pause', scope: 'replay', description: 'play the recording from the cursor, or pause it' },
	{ keys: ['left'], label: '←', action: 'earlier', short: '-10s', scope: 'replay', description: 'the cursor 10 s earlier' },
	{ keys: ['right'], label: '→', action: 'later', short: '+10s', scope: 'replay', description: 'the cursor 10 s later' },
	{ keys: ['['], label: '[', action: 'minute-earlier', short: '-1m', scope: 'replay', description: 'the cursor a minute earlier' },
	{ keys: [']'], label: ']', action: 'minute-later', short: '+1m', scope: 'replay', description: 'the cursor a minute later' },
	{ keys: ['home'], label: 'home', action: 'first', short: 'start', scope: 'replay', description: 'the cursor to the first reading' },
	{ keys: ['end'], label: 'end', action: 'last', short: 'end', scope: 'replay', description: 'the cursor to the last reading (and pause)' },
	{ keys: ['>'], label: '>', action: 'speed', short: '1x/10x', scope: 'replay', description: 'play at 1x or 10x the recorded speed' },
	{ keys: ['i'], label: 'i', action: 'fold', short: 'internals', scope: 'top', description: 'fold node: internals and builtins into the program\'s code that called them, or show them' },
];

/** Ink's key flags, as far as the keymap needs them. */
export interface KeyFlags { ctrl?: boolean; upArrow?: boolean; downArrow?: boolean; leftArrow?: boolean; rightArrow?: boolean; home?: boolean; end?: boolean; return?: boolean; escape?: boolean }

/** The name a key press has in the table. */
export function keyName(input: string, key: KeyFlags): string {
	if (key.ctrl && input === 'c') return 'ctrl+c';
	if (key.upArrow) return 'up';
	if (key.downArrow) return 'down';
	if (key.leftArrow) return 'left';
	if (key.rightArrow) return 'right';
	if (key.home) return 'home';
	if (key.end) return 'end';
	if (key.return) return 'enter';
	if (key.escape) return 'escape';
	return input === ' ' ? 'space' : input;
}

/** Global keys that act on one target: not on the process list, where no single target is open. */
const onTarget = (binding: Binding) => binding.action !== 'quit' && binding.action !== 'help';

/**
 * The keys in one piece of input. Keys typed (or sent) in quick succession can arrive in one read, and Ink hands
 * them over as one string ("om"), which is no key at all: each printable character is a key of its own.
 */
export function keystrokes(input: string, key: KeyFlags): string[] {
	return input.length > 1 && /^[\x21-\x7e]+$/.test(input) && !key.ctrl ? [...input] : [input];
}

/** The action for a key press in a view (charts or report), if any; replaying, the time cursor's keys come first. */
export function actionFor(input: string, key: KeyFlags, view: View = 'charts', replay = false): Action | undefined {
	const name = keyName(input, key);
	if (replay) {
		const timed = keymap.find((binding) => binding.scope === 'replay' && binding.keys.includes(name));
		if (timed) return timed.action;
	}
	return keymap.find((binding) => ((binding.scope === 'global' && (view !== 'list' || !onTarget(binding))) || binding.scope === view) && binding.keys.includes(name))?.action;
}

/** What a recording cannot do: act on a process (snapshot, GC, profile, trace) or re-read its sampler. */
export const LIVE_ONLY: readonly Action[] = ['snapshot', 'report', 'gc', 'freeze', 'profile', 'handles', 'mode', 'unit', 'fold', 'open'];

/**
 * The bindings the footer shows in a view: quit and help, then the view's own keys, then the other global ones.
 * Replaying: the time cursor's keys after quit and help, and none that needs a live target.
 */
export function footerBindings(view: View, replay = false): Binding[] {
	const first = keymap.filter((b) => !onTarget(b) && b.scope === 'global');
	const rest = view === 'list' ? [] : keymap.filter((b) => b.scope === 'global' && !first.includes(b));
	const all = [...first, ...(replay ? keymap.filter((b) => b.scope === 'replay') : []), ...keymap.filter((b) => b.scope === view), ...rest];
	return replay ? all.filter((b) => !LIVE_ONLY.includes(b.action) || (view === 'list' && b.action === 'open')) : all;
}

const WINDOW_STEPS_MS = [10_000, 30_000, 60_000, 120_000, 300_000, 600_000, 900_000, 1_800_000, 3_600_000];

/** The next chart window up or down the ladder of steps. */
export function stepWindow(current: number, direction: 1 | -1): number {
	if (direction > 0) return WINDOW_STEPS_MS.find((s) => s > current) ?? current;
	return [...WINDOW_STEPS_MS].reverse().find((s) => s < current) ?? current;
}
