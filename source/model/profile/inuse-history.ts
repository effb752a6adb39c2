// In-use mode's readings over the window: the newest profile's stacks, and the flat figures of older readings
// (all four views, in about 60 pieces per window), so growth per minute and the leak suspects compare now with
// the oldest reading the window still holds.
import { pieceMs } from './alloc-window.js';
import { leafFlats, newStackSet, type FrameTable, type StackSet } from './stack-set.js';
import { suspectsOf, type Suspect } from './suspects.js';

export class InuseHistory {
	/** The newest reading's stacks. */
	set: StackSet = newStackSet();
	private at = 0;
	private flats: Float64Array[] = [];
	private kept: { t: number; flats: Float64Array[] }[] = [];

	get empty(): boolean {
		return this.kept.length === 0;
	}

	add(t: number, set: StackSet, table: FrameTable, windowMs: number): void {
		this.set = set;
		this.at = t;
		this.flats = leafFlats(set, table);
		const last = this.kept.at(-1);
		if (!last || t - last.t >= pieceMs(windowMs)) this.kept.push({ t, flats: this.flats });
		while (this.kept.length > 1 && this.kept[1].t <= t - windowMs) this.kept.shift();
	}

	/** The oldest reading kept and the minutes from it to the newest; undefined until there are two. */
	private span(): { flats: Float64Array[]; minutes: number } | undefined {
		const first = this.kept[0];
		const minutes = (this.at - (first?.t ?? this.at)) / 60_000;
		return this.kept.length > 1 && minutes > 0 ? { flats: first.flats, minutes } : undefined;
	}

	/** Change per minute of frame `id`'s flat figure in view `index` (see viewIndex), now being `flat`. */
	growth(id: number, index: number, flat: number): number | undefined {
		const span = this.span();
		return span && (flat - (span.flats[index][id] ?? 0)) / span.minutes;
	}

	suspects(table: FrameTable): Suspect[] {
		const span = this.span();
		return span ? suspectsOf(this.set, table, span.flats, this.flats, span.minutes) : [];
	}

	clear(): void {
		this.set = newStackSet();
		this.kept = [];
	}
}
