// Source maps of the target's scripts: a TypeScript (or bundled) program's locations in the source its author
// wrote. Each script's sourceMapURL comes from Debugger.scriptParsed; the map is read from a data: URL or from
// the file beside the script (memtop runs on the target's machine), and decoded by @jridgewell/trace-mapping.
// A script whose map is missing or broken keeps its JavaScript locations, and says so once.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { TraceMap, originalPositionFor, sourceContentFor } from '@jridgewell/trace-mapping';
import type { LoadedScript } from './target-values.js';

/** A location in the original source: its URL (file:///...), 0-based line and column. */
export interface OriginalPosition {
	readonly url: string;
	readonly lineNumber: number;
	readonly columnNumber: number;
}

/** Script ids of mapped frames: the original source's URL, so its text is read from the map, not the target. */
export const MAPPED_SCRIPT = 'map:';

export class SourceMaps {
	private readonly maps = new Map<string, TraceMap | undefined>(); // by script id; undefined: none or unusable
	private readonly byUrl = new Map<string, string>(); // script URL -> script id
	/** What could not be mapped, each said once: "app.js: its map app.js.map is missing (ENOENT)". */
	readonly notes: string[] = [];

	constructor(private readonly scripts: () => Promise<LoadedScript[]>) {}

	/** Learn the scripts among these ids (or URLs) not seen yet: one Debugger on/off lists them all. */
	async learn(scriptIds: Iterable<string>): Promise<void> {
		const unknown = [...scriptIds].filter((id) => id && id !== '0' && !this.maps.has(id) && !this.byUrl.has(id));
		if (unknown.length === 0) return;
		for (const script of await this.scripts()) {
			if (this.maps.has(script.scriptId)) continue;
			this.maps.set(script.scriptId, script.sourceMapURL ? this.load(script) : undefined);
			if (script.url) this.byUrl.set(script.url, script.scriptId);
		}
		// Ids the target did not list (a script already gone): not asked for again.
		for (const id of unknown) if (!this.maps.has(id) && !this.byUrl.has(id)) this.maps.set(id, undefined);
	}

	/** Where a JavaScript location (script id or URL, 0-based line and column) came from; undefined when unmapped. */
	original(script: string, lineNumber: number, columnNumber: number): OriginalPosition | undefined {
		const map = this.maps.get(script) ?? this.maps.get(this.byUrl.get(script) ?? this.byUrl.get(asFileUrl(script)) ?? '');
		if (!map || lineNumber < 0) return undefined;
		const found = originalPositionFor(map, { line: lineNumber + 1, column: Math.max(0, columnNumber) });
		if (found.source === null || found.line === null) return undefined;
		return { url: found.source, lineNumber: found.line - 1, columnNumber: found.column ?? 0 };
	}

	/** The text of an original source: from the map's sourcesContent, else from its file; undefined when neither. */
	sourceText(url: string): string | undefined {
		for (const map of this.maps.values()) {
			const text = map && sourceContentFor(map, url);
			if (text) return text;
		}
		try {
			return fs.readFileSync(url.startsWith('file:') ? fileURLToPath(url) : url, 'utf8');
		} catch {
			return undefined;
		}
	}

	/** Read and decode one script's map; a failure becomes a note and no map. */
	private load(script: LoadedScript): TraceMap | undefined {
		const name = path.basename(script.url || script.scriptId);
		const where = script.sourceMapURL!.startsWith('data:') ? 'its inline map' : `its map ${script.sourceMapURL}`;
		try {
			const { text, url } = readMap(script.sourceMapURL!, script.url);
			return new TraceMap(text, url);
		} catch (error) {
			const reason = (error as NodeJS.ErrnoException).code ?? (error as Error).message.split('\n')[0];
			this.notes.push(`${name}: ${where} could not be read (${reason}); its JavaScript locations are shown`);
			return undefined;
		}
	}
}

/** A CommonJS script's URL is a plain path; maps and their sources resolve against file:// URLs. */
function asFileUrl(url: string): string {
	return path.isAbsolute(url) ? pathToFileURL(url).href : url;
}

/** The map's JSON text and the URL its sources resolve against. */
function readMap(sourceMapURL: string, scriptUrl: string): { text: string; url: string } {
	const base = asFileUrl(scriptUrl);
	if (sourceMapURL.startsWith('data:')) {
		const comma = sourceMapURL.indexOf(',');
		const body = sourceMapURL.slice(comma + 1);
		const text = /;base64$/.test(sourceMapURL.slice(0, comma)) ? Buffer.from(body, 'base64').toString('utf8') : decodeURIComponent(body);
		return { text, url: base };
	}
	const url = new URL(sourceMapURL, base);
	if (url.protocol !== 'file:') throw new Error(`not a local file (${url.protocol})`);
	return { text: fs.readFileSync(fileURLToPath(url), 'utf8'), url: url.href };
}
