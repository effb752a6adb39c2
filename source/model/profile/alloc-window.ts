// Allocated mode's sliding window: every read's profile goes straight into one summed tree, and each piece of
// the window (a few seconds of reads) remembers what it added, so the oldest is taken out again without a walk.
// About 60 pieces per window whatever its length, so memtop's memory does not grow with the window.
import { addProfile, newStackSet, nothingAdded, prune, takeOut, type Added, type FrameTable, type StackSet } from './stack-set.js';
import type { SamplingProfile } from './sampling-profile.js';

const PIECES_PER_WINDOW = 60;
/** The shortest piece: a little under window/60, so reads 5 s apart on a 5-minute window, early by a timer's jitter, still make one each. */
export const pieceMs = (windowMs: number) => (0.9 * windowMs) / PIECES_PER_WINDOW;

interface Piece {
	readonly t0: number;
	t1: number;
	readonly added: Added;
}

export class AllocWindow {
	/** Everything allocated in the window, summed. */
	sum: StackSet = newStackSet();
	private pieces: Piece[] = [];

	get empty(): boolean {
		return this.pieces.length === 0;
	}

	/** The span the sum covers, from the start of the oldest piece to the newest read. */
	get span(): { from: number; to: number } {
		return { from: this.pieces[0]?.t0 ?? 0, to: this.pieces.at(-1)?.t1 ?? 0 };
	}

	/** A profile read at t, covering the time since the previous read (or `since`, for the first). */
	add(t: number, profile: SamplingProfile, table: FrameTable, windowMs: number, since: number): void {
		const last = this.pieces.at(-1);
		const merge = last !== undefined && t - last.t0 < pieceMs(windowMs);
		const piece = merge ? last : { t0: last?.t1 ?? since, t1: t, added: nothingAdded() };
		addProfile(this.sum, profile, table, piece.added);
		piece.t1 = t;
		if (!merge) this.pieces.push(piece);
		let dropped = false;
		while (this.pieces.length > 1 && this.pieces[0].t1 <= t - windowMs) {
			takeOut(this.pieces.shift()!.added);
			dropped = true;
		}
		if (dropped) prune(this.sum);
	}

	clear(): void {
		this.sum = newStackSet();
		this.pieces = [];
	}
}
