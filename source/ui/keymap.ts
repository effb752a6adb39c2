// The one table of keys: input handling and the help screen both read it, so they cannot disagree.
export type Action = 'quit' | 'help' | 'gc' | 'freeze' | 'widen' | 'narrow';

export interface Binding {
	readonly keys: readonly string[]; // what the user presses; 'ctrl+c' and 'space' are spelled out
	readonly label: string; // how the footer and help name the key
	readonly action: Action;
	readonly description: string;
}

export const keymap: readonly Binding[] = [
	{ keys: ['q', 'ctrl+c'], label: 'q', action: 'quit', description: 'quit: detach cleanly (a spawned target is stopped)' },
	{ keys: ['?'], label: '?', action: 'help', description: 'show or hide this help' },
	{ keys: ['g'], label: 'g', action: 'gc', description: 'force a full GC in the target; marked G on the charts' },
	{ keys: ['space'], label: 'space', action: 'freeze', description: 'freeze the display (collection goes on)' },
	{ keys: ['+', '='], label: '+', action: 'widen', description: 'widen the chart window' },
	{ keys: ['-', '_'], label: '-', action: 'narrow', description: 'narrow the chart window' },
];

/** Keys kept for coming features, so nothing else takes them. */
export const reservedKeys: Readonly<Record<string, string>> = { s: 'heap snapshot', p: 'heap profile' };

/** The action for a key press as Ink reports it, if any. */
export function actionFor(input: string, key: { ctrl?: boolean }): Action | undefined {
	const name = key.ctrl && input === 'c' ? 'ctrl+c' : input === ' ' ? 'space' : input;
	return keymap.find((binding) => binding.keys.includes(name))?.action;
}

const WINDOW_STEPS_MS = [10_000, 30_000, 60_000, 120_000, 300_000, 600_000, 900_000, 1_800_000, 3_600_000];

/** The next chart window up or down the ladder of steps. */
export function stepWindow(current: number, direction: 1 | -1): number {
	if (direction > 0) return WINDOW_STEPS_MS.find((s) => s > current) ?? current;
	return [...WINDOW_STEPS_MS].reverse().find((s) => s < current) ?? current;
}
