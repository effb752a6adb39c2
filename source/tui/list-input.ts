// The process list's input as a pure function: (state, action, the rows on screen) → (state, effects). The
// FleetScreen only runs the effects (quit, open a target's dashboard).
import type { Action } from '../render/keymap.js';

export interface ListState {
	readonly selected: number;
	readonly help: boolean;
}

export type ListEffect = { readonly type: 'quit' } | { readonly type: 'open'; readonly key: string };

export interface ListOutcome {
	readonly state: ListState;
	readonly effects: readonly ListEffect[];
}

export const initialListState: ListState = { selected: 0, help: false };

/** rowKeys: the keys of the rows as drawn, top to bottom; tooSmall: the screen offers q alone. */
export function listInput(state: ListState, action: Action | undefined, rowKeys: readonly string[], tooSmall: boolean): ListOutcome {
	const stay = (next: ListState = state, ...effects: ListEffect[]): ListOutcome => ({ state: next, effects });
	if (action === 'quit') return stay(state, { type: 'quit' });
	if (tooSmall) return stay();
	if (state.help) return stay({ ...state, help: false });
	const last = Math.max(0, rowKeys.length - 1);
	const selected = Math.min(state.selected, last); // rows that went away leave the selection on the last
	if (action === 'help') return stay({ ...state, help: true });
	if (action === 'up') return stay({ ...state, selected: Math.max(0, selected - 1) });
	if (action === 'down') return stay({ ...state, selected: Math.min(last, selected + 1) });
	if (action === 'open' && rowKeys[selected] !== undefined) return stay(state, { type: 'open', key: rowKeys[selected] });
	return stay();
}
