// Suspects no sample shows calling a helper get the first of their script's own functions they call, read from
// the source (see model/profile/source-calls.ts). Each script is asked of the target once; the caller is told
// when one arrives, so it can patch the suspects it shows.
import { callChain } from '../model/profile/source-calls.js';
import type { FrameTable } from '../model/profile/stack-set.js';
import type { Suspect } from '../model/profile/suspects.js';

export class SuspectSources {
	private readonly asked = new Set<string>(); // a failed read is not tried again

	/** `sources` is the live top's cache of script lines by script id, shared with its `list`. */
	constructor(private readonly sources: Map<string, string[]>, private readonly read: (scriptId: string) => Promise<string>, private readonly arrived: () => void) {}

	/**
	 * The suspects, with a callee read from the source where the samples name none, and a callee the samples do
	 * name followed on through the source (a handler whose helper was inlined into it before any sample).
	 */
	complete(suspects: readonly Suspect[], table: FrameTable): readonly Suspect[] {
		return suspects.map((suspect) => {
			if (suspect.calleeFromSource) return suspect;
			const from = suspect.callee ?? suspect;
			const id = table.find(from);
			const scriptId = id === undefined ? undefined : table.frames[id].scriptId;
			if (!scriptId || scriptId === '0') return suspect;
			const lines = this.sources.get(scriptId);
			if (!lines) {
				this.ask(scriptId);
				return suspect;
			}
			// Through as many inlined levels as the source shows: the last function of the chain allocates.
			const chain = callChain(lines, from);
			if (chain.length === 0) return suspect;
			const through = [...(suspect.callee ? [suspect.callee] : []), ...chain.slice(0, -1)];
			return { ...suspect, callee: chain.at(-1), calleeThrough: through, calleeFromSource: true };
		});
	}

	/** Another process: its script ids are not the old one's. */
	clear(): void {
		this.asked.clear();
	}

	private ask(scriptId: string): void {
		if (this.asked.has(scriptId)) return;
		this.asked.add(scriptId);
		// Through a promise from the start: a read that throws at once (no target yet) fails like one that rejects.
		Promise.resolve(scriptId).then(this.read).then((text) => {
			this.sources.set(scriptId, text.split(/\r?\n/));
			this.arrived();
		}, () => {});
	}
}
