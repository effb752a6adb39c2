// Where the target's code came from, for everything memtop shows of it: profiles (the allocation top, list,
// suspects, pprof files) and handle creation stacks are moved to the original source when a script has a
// source map; the text `list` shows is that source's. One per target, shared by its live tools.
import { MAPPED_SCRIPT, SourceMaps } from '../target/source-maps.js';
import { mapProfile, scriptIdsOf } from '../model/profile/map-profile.js';
import { mapStackLine, stackLineUrl } from '../model/stack-line.js';
import type { SamplingProfile } from '../model/profile/sampling-profile.js';
import type { Session } from '../target/session.js';

export class OriginalSource {
	private maps: SourceMaps | undefined;

	/** session: read when first needed (a target's session exists once it is attached). */
	constructor(private readonly session: () => Session) {}

	private get sourceMaps(): SourceMaps {
		this.maps ??= new SourceMaps(() => this.session().scripts());
		return this.maps;
	}

	/** What could not be mapped (a missing or broken map), each said once. */
	get notes(): readonly string[] {
		return this.maps?.notes ?? [];
	}

	/** The profile with its frames in their original source; as it was when nothing maps or the scripts cannot be listed. */
	async profile(profile: SamplingProfile): Promise<SamplingProfile> {
		const maps = this.sourceMaps;
		await maps.learn(scriptIdsOf(profile)).catch(() => {});
		return mapProfile(profile, (frame) => {
			const found = maps.original(frame.scriptId, frame.lineNumber, frame.columnNumber);
			return found && { ...found, scriptId: MAPPED_SCRIPT + found.url };
		});
	}

	/** Stack lines ("fn (/app/x.js:12:5)") in their original source. */
	async stack(lines: readonly string[]): Promise<string[]> {
		const maps = this.sourceMaps;
		const urls = lines.map(stackLineUrl).filter((url): url is string => url !== undefined);
		await maps.learn(urls).catch(() => {});
		return lines.map((line) => mapStackLine(line, (url, l, c) => {
			const found = maps.original(url, l - 1, c - 1);
			return found && { url: found.url, line: found.lineNumber + 1, column: found.columnNumber + 1 };
		}));
	}

	/** A script's text by the id a frame carries: an original source's from its map (or file), else the target's. */
	async text(scriptId: string): Promise<string> {
		if (!scriptId.startsWith(MAPPED_SCRIPT)) return this.session().scriptSource(scriptId);
		const text = this.sourceMaps.sourceText(scriptId.slice(MAPPED_SCRIPT.length));
		if (text === undefined) throw new Error('the original source is neither in its map nor on disk');
		return text;
	}
}
