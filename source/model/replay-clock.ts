// The time cursor of a replayed recording: where it stands, whether it plays and how fast. Pure: a step is a
// new clock, so every key and every tick of playing is unit-tested without a screen.

export interface ReplayClock {
	/** The recorded time the screens show. */
	readonly at: number;
	readonly start: number;
	readonly end: number;
	readonly playing: boolean;
	/** Recorded milliseconds per wall-clock millisecond while playing. */
	readonly speed: 1 | 10;
}

export type ClockMove = 'earlier' | 'later' | 'minute-earlier' | 'minute-later' | 'first' | 'last' | 'play' | 'speed';

const STEP_MS: Partial<Record<ClockMove, number>> = { earlier: -10_000, later: 10_000, 'minute-earlier': -60_000, 'minute-later': 60_000 };

/** A recording opens at its end, paused: the whole run and its final verdict are on screen at once. */
export function openClock(start: number, end: number): ReplayClock {
	return { at: end, start, end, playing: false, speed: 1 };
}

const clamp = (clock: ReplayClock, at: number) => Math.min(clock.end, Math.max(clock.start, at));

export function moveClock(clock: ReplayClock, move: ClockMove): ReplayClock {
	const step = STEP_MS[move];
	if (step !== undefined) return { ...clock, at: clamp(clock, clock.at + step) };
	if (move === 'first') return { ...clock, at: clock.start };
	if (move === 'last') return { ...clock, at: clock.end, playing: false };
	if (move === 'speed') return { ...clock, speed: clock.speed === 1 ? 10 : 1 };
	// Play at the end starts over: there is nothing left to play.
	if (!clock.playing && clock.at >= clock.end) return { ...clock, at: clock.start, playing: true };
	return { ...clock, playing: !clock.playing };
}

/** Wall time passed while playing moves the cursor on at the clock's speed; the end stops it. */
export function advanceClock(clock: ReplayClock, wallMs: number): ReplayClock {
	if (!clock.playing) return clock;
	const at = clamp(clock, clock.at + wallMs * clock.speed);
	return { ...clock, at, playing: at < clock.end };
}
