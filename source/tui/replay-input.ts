// The replay screens' input as a pure function, like target-input.ts for the live one: (state, input, what the
// recording offers) → (state, effects). The time cursor's keys work on every screen; keys that would act on
// a process (snapshot, GC, profile, handle tracing) say that a recording cannot.
import { keymap, LIVE_ONLY, stepWindow, type Action } from '../render/keymap.js';
import { advanceClock, moveClock, type ClockMove, type ReplayClock } from '../model/replay-clock.js';

type Shown = 'charts' | 'leaks' | 'top';

export interface ReplayState {
	readonly clock: ReplayClock;
	/** The target whose dashboard is open; undefined: the process list. */
	readonly open?: string;
	readonly selected: number;
	readonly view: Shown | 'help';
	/** What help was opened over: a dashboard's view or the list. */
	readonly helpOver: Shown | 'list';
	readonly windowMs: number;
	readonly topSort: 'flat' | 'cum';
	readonly topSelected: number;
	readonly message?: string;
}

/** What the recording has at the moment of the key. */
export interface ReplayOffer {
	/** The targets' keys in list order. */
	readonly keys: readonly string[];
	readonly tooSmall: boolean;
	/** The open target's allocation top's rows at the cursor; undefined: it recorded none. */
	readonly topRows?: number;
}

export type ReplayInput =
	| { readonly type: 'key'; readonly action: Action | undefined }
	/** Wall time passed (the screen's timer): a playing cursor moves on. */
	| { readonly type: 'tick'; readonly wallMs: number };

export interface ReplayOutcome {
	readonly state: ReplayState;
	readonly quit: boolean;
}

const CLOCK_MOVES: readonly Action[] = ['earlier', 'later', 'minute-earlier', 'minute-later', 'first', 'last', 'play', 'speed'];

export function initialReplayState(clock: ReplayClock, windowMs: number, open?: string): ReplayState {
	return { clock, open, selected: 0, view: 'charts', helpOver: 'charts', windowMs, topSort: 'flat', topSelected: 0 };
}

/** The view the keymap reads keys in. */
export function replayKeyView(state: ReplayState): Shown | 'list' {
	if (state.view === 'help') return state.helpOver;
	return state.open === undefined ? 'list' : state.view;
}

const stay = (state: ReplayState): ReplayOutcome => ({ state, quit: false });
const say = (state: ReplayState, message: string): ReplayOutcome => stay({ ...state, message });

export function replayInput(state: ReplayState, input: ReplayInput, offer: ReplayOffer): ReplayOutcome {
	if (input.type === 'tick') return stay({ ...state, clock: advanceClock(state.clock, input.wallMs) });
	const { action } = input;
	if (action === 'quit') return { state, quit: true };
	if (offer.tooSmall) return stay(state); // keys that act unseen would surprise
	if (state.view === 'help') return stay({ ...state, view: state.helpOver === 'list' ? 'charts' : state.helpOver });
	if (action === 'help') return stay({ ...state, view: 'help', helpOver: replayKeyView(state) });
	if (action !== undefined && CLOCK_MOVES.includes(action)) return stay({ ...state, clock: moveClock(state.clock, action as ClockMove), message: undefined });
	if (action !== undefined && LIVE_ONLY.includes(action) && !(action === 'open' && replayKeyView(state) === 'list')) {
		const key = keymap.find((b) => b.action === action)!.label;
		return say(state, `${key} acts on a live process: this is a recording (memtop --inspect watches one)`);
	}
	return state.open === undefined ? listKey(state, action, offer) : targetKey(state, action, offer);
}

function listKey(state: ReplayState, action: Action | undefined, offer: ReplayOffer): ReplayOutcome {
	const last = Math.max(0, offer.keys.length - 1);
	switch (action) {
		case 'up': return stay({ ...state, selected: Math.max(0, state.selected - 1) });
		case 'down': return stay({ ...state, selected: Math.min(last, state.selected + 1) });
		case 'open': return offer.keys[state.selected] === undefined ? stay(state) : stay({ ...state, open: offer.keys[state.selected], view: 'charts', message: undefined });
		default: return stay(state);
	}
}

function targetKey(state: ReplayState, action: Action | undefined, offer: ReplayOffer): ReplayOutcome {
	const toggle = (view: Shown) => stay({ ...state, view: state.view === view ? 'charts' : view, message: undefined });
	switch (action) {
		case 'leaks': return toggle('leaks');
		case 'top': return offer.topRows === undefined ? say(state, 'no allocation top recorded by the cursor (recorded with --no-sampling, or before the first)') : toggle('top');
		case 'widen': case 'narrow': return stay({ ...state, windowMs: stepWindow(state.windowMs, action === 'widen' ? 1 : -1) });
		case 'sort': return state.view === 'top' ? stay({ ...state, topSort: state.topSort === 'flat' ? 'cum' : 'flat' }) : stay(state);
		case 'up': return state.view === 'top' ? stay({ ...state, topSelected: Math.max(0, state.topSelected - 1) }) : stay(state);
		case 'down': return state.view === 'top' ? stay({ ...state, topSelected: Math.min(Math.max(0, (offer.topRows ?? 1) - 1), state.topSelected + 1) }) : stay(state);
		case 'back': {
			// From the charts to the process list, as live (a list of one, for a recording of one target).
			return state.view !== 'charts' ? stay({ ...state, view: 'charts' }) : stay({ ...state, open: undefined, message: undefined });
		}
		default: return stay(state);
	}
}
