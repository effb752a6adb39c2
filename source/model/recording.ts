// A recording (what memtop --json wrote) read back into the history memtop built live, one per target: the
// verdicts, charts and figures it gave can be worked out again from the file. Pure: text in, histories out.
// The readings are kept as columns (recorded-columns.ts); a History is built for the span a screen shows.
import type { History } from './history.js';
import type { Marker } from '../types.js';
import { RecordedColumns, type ColumnsPart } from './recorded-columns.js';
import { RecordingError } from '../errors.js';
import type { Frame } from './profile/top.js';
import type { Suspect } from './profile/suspects.js';

export interface RecordedTarget {
	/** The record's "target" (the inspector's address); '' in a recording of one target without it. */
	readonly key: string;
	/** The whole run as a History (built when first asked for: a day of it is a lot of objects). */
	readonly history: History;
	/** The readings from `from` to `to` (and the one before) with their GC events and marks, as a History. */
	historyBetween(from: number, to: number): History;
	/** The first and last sample's time. */
	readonly start: number;
	readonly end: number;
	/** Its "target" record: pid, title, argv, versions. */
	readonly info?: Readonly<Record<string, unknown>>;
	readonly alerts: readonly RecordedAlert[];
	/** Its allocation tops, in time order: the screen's top and its brief as they were then. */
	readonly tops: readonly RecordedTop[];
	/** The verdict of its "summary" record, when the run ended cleanly. */
	readonly verdict?: string;
}

/** An "alert" record: what tripped, and what became of its evidence. */
export interface RecordedAlert {
	readonly t: number;
	readonly text: string;
	readonly metric?: string;
	readonly value?: number;
	readonly threshold?: number;
	readonly artifact?: string;
	readonly note?: string;
}

/** A "top" record: the allocation top's first functions at a moment, or why there was none. */
export interface RecordedTop {
	readonly t: number;
	readonly sampleType?: string;
	readonly total?: number;
	readonly functions: readonly { readonly name: string; readonly url: string; readonly line: number; readonly flat: number; readonly cum: number; readonly growthPerMin?: number }[];
	readonly error?: string;
	/** The growing functions the leak view named then; absent in recordings from before they were recorded. */
	readonly suspects?: readonly Suspect[];
}

export interface Recording {
	/** The "meta" record's format and writer; format 0: a recording from before there was one. */
	readonly format: number;
	readonly memtop?: string;
	readonly intervalMs?: number;
	/** The chart window the run was watched with. */
	readonly windowMs?: number;
	readonly targets: RecordedTarget[];
	/** What was left out, for the reader to be told (a last line cut short by a killed run). */
	readonly notes: string[];
}

/** The newest record format this memtop reads (headless/records.ts writes it). */
export const READS_FORMAT = 1;

type Json = Record<string, unknown>;
const num = (v: unknown) => (typeof v === 'number' && Number.isFinite(v) ? v : undefined);

interface Collected { columns: RecordedColumns; marks: Marker[]; info?: Json; alerts: RecordedAlert[]; tops: RecordedTop[]; verdict?: string }

/**
 * Reads a recording line by line, keeping only what a history needs of each record (a 24 h recording is hundreds
 * of megabytes of JSON; its samples are kept as readings, never as the parsed lines). strict: a line that is not a
 * memtop record is a RecordingError naming it (`line N: ...`), but for a last line cut short (a killed run), left
 * out with a note; else such lines are skipped.
 */
export class RecordingReader {
	private readonly byKey = new Map<string, Collected>();
	private readonly notes: string[] = [];
	private meta: Json | undefined;
	private number = 0;

	constructor(private readonly strict = false) {}

	/** The next line; `last`: it ends the input without a newline, so it may be cut short. */
	line(text: string, last = false): void {
		const number = ++this.number;
		if (text.trim() === '') return;
		const record = recordOf(text, number, this.strict && !last, this.notes);
		if (!record) return;
		if (record.type === 'meta') this.meta ??= checkedMeta(record, number);
		const key = typeof record.target === 'string' ? record.target : '';
		let target = this.byKey.get(key);
		if (!target) this.byKey.set(key, (target = { columns: new RecordedColumns(), marks: [], alerts: [], tops: [] }));
		collect(target, record);
	}

	/** The lines read so far. */
	get lines(): number {
		return this.number;
	}

	/** What this reader read, for the reader of the file's first part to absorb (buffers in `transfer`). */
	part(transfer: ArrayBuffer[]): ReaderPart {
		const targets = [...this.byKey].map(([key, { columns, ...rest }]) => ({ key, columns: columns.part(transfer), ...rest }));
		return { meta: this.meta, notes: this.notes, lines: this.number, targets };
	}

	/** Take in what another reader read of the lines after this one's (its line numbers counted on from here). */
	absorb(part: ReaderPart): void {
		this.meta ??= part.meta;
		this.notes.push(...part.notes.map((note) => renumbered(note, this.number)));
		this.number += part.lines;
		for (const { key, columns, marks, info, alerts, tops, verdict } of part.targets) {
			let target = this.byKey.get(key);
			if (!target) this.byKey.set(key, (target = { columns: new RecordedColumns(), marks: [], alerts: [], tops: [] }));
			target.columns.append(columns);
			target.marks.push(...marks);
			target.alerts.push(...alerts);
			target.tops.push(...tops);
			target.info ??= info;
			target.verdict = verdict ?? target.verdict;
		}
	}

	finish(): Recording {
		const targets = [...this.byKey].filter(([, target]) => target.columns.length > 0).map(([key, collected]) => toTarget(key, collected));
		const meta = this.meta;
		return { format: num(meta?.format) ?? 0, memtop: meta?.memtop as string | undefined, intervalMs: num(meta?.intervalMs), windowMs: num(meta?.windowMs), targets, notes: this.notes };
	}
}

/** The target `wanted` names: its key, else the first whose key or title holds it. */
export function targetNamed(targets: readonly RecordedTarget[], wanted: string): RecordedTarget | undefined {
	return targets.find((t) => t.key === wanted) ?? targets.find((t) => t.key.includes(wanted) || String(t.info?.title ?? '').includes(wanted));
}

/** What a reader of a later part of the file read (see RecordingReader.part). */
export interface ReaderPart {
	readonly meta?: Json;
	readonly notes: readonly string[];
	readonly lines: number;
	readonly targets: readonly (Omit<Collected, 'columns'> & { readonly key: string; readonly columns: ColumnsPart })[];
}

/** A message of a reader that started `lines` lines into the file, with its line number counted from the start. */
export function renumbered(message: string, lines: number): string {
	return message.replace(/^line (\d+)/, (_, n: string) => `line ${Number(n) + lines}`);
}

/** A recording held in a string (see RecordingReader). */
export function parseRecording(text: string, strict = false): Recording {
	const reader = new RecordingReader(strict);
	const lines = text.split('\n');
	lines.forEach((line, i) => reader.line(line, i === lines.length - 1 && !text.endsWith('\n')));
	return reader.finish();
}

/** The samples and GC events of each target, in time order, as histories. Lines that are not JSON are skipped. */
export function readRecording(text: string): RecordedTarget[] {
	return parseRecording(text).targets;
}

/** One line as a record; a line that is not one throws when `strict`, else it is skipped (with a note when cut short). */
function recordOf(line: string, number: number, strict: boolean, notes: string[]): Json | undefined {
	let record: unknown;
	try {
		record = JSON.parse(line);
	} catch (error) {
		if (strict) throw new RecordingError(`line ${number}: not JSON (${(error as Error).message}): not a memtop recording`);
		notes.push(`line ${number} is cut short (the run was stopped while writing it?): left out`);
		return undefined;
	}
	if (typeof record !== 'object' || record === null || typeof (record as Json).type !== 'string') {
		if (strict) throw new RecordingError(`line ${number}: not a memtop record (no "type"): ${line.slice(0, 60)}`);
		return undefined;
	}
	return record as Json;
}

function checkedMeta(record: Json, number: number): Json {
	const format = num(record.format) ?? 0;
	if (format > READS_FORMAT) {
		throw new RecordingError(`line ${number}: recorded by memtop ${String(record.memtop)} in format ${format}; this memtop reads up to format ${READS_FORMAT}: update memtop`);
	}
	return record;
}

function collect(target: Collected, record: Json): void {
	const t = num(record.t);
	if (record.type === 'sample' && !record.gap && t !== undefined) target.columns.addSample(record, t);
	else if (record.type === 'gc' && t !== undefined) target.columns.addGc(record, t);
	else if (record.type === 'target') target.info ??= record;
	else if (record.type === 'alert' && t !== undefined) target.alerts.push(alertOf(record, t));
	else if (record.type === 'top' && t !== undefined) target.tops.push(topOf(record, t));
	else if (record.type === 'mark' && t !== undefined) target.marks.push({ t, label: str(record.label)?.slice(0, 1) || '?', text: str(record.text) ?? '' });
	else if (record.type === 'summary') target.verdict = ((record.leak as Json | undefined)?.verdict as string | undefined) ?? target.verdict;
}

const str = (v: unknown) => (typeof v === 'string' ? v : undefined);


/** Recordings before memtop 0.2 have no "text": it is said again from the figures. */
function alertOf(record: Json, t: number): RecordedAlert {
	const metric = str(record.metric);
	const value = num(record.value);
	const threshold = num(record.threshold);
	const text = str(record.text) ?? `${metric ?? 'alert'}${value === undefined ? '' : ` ${value}`}${threshold === undefined ? '' : ` over ${threshold}`}`;
	return { t, text, metric, value, threshold, artifact: str(record.artifact), note: str(record.note) };
}

function topOf(record: Json, t: number): RecordedTop {
	const functions = Array.isArray(record.functions) ? (record.functions as Json[]) : [];
	return {
		t, sampleType: str(record.sampleType), total: num(record.total), error: str(record.error),
		functions: functions.map((f) => ({ ...frameOf(f), flat: num(f.flat) ?? 0, cum: num(f.cum) ?? 0, growthPerMin: num(f.growthPerMin) })),
		suspects: Array.isArray(record.suspects) ? (record.suspects as Json[]).map(suspectOf) : undefined,
	};
}

const frameOf = (f: Json): Frame => ({ name: str(f.name) ?? '(anonymous)', url: str(f.url) ?? '', line: num(f.line) ?? 0 });
const framesOf = (v: unknown): Frame[] => (Array.isArray(v) ? (v as Json[]).map(frameOf) : []);
const maybeFrame = (v: unknown): Frame | undefined => (typeof v === 'object' && v !== null ? frameOf(v as Json) : undefined);

function suspectOf(s: Json): Suspect {
	return {
		...frameOf(s), growthBytesPerMin: num(s.growthBytesPerMin) ?? 0, inUseBytes: num(s.inUseBytes) ?? 0, via: maybeFrame(s.via),
		callers: framesOf(s.callers), callee: maybeFrame(s.callee), calleeThrough: Array.isArray(s.calleeThrough) ? framesOf(s.calleeThrough) : undefined,
		calleeFromSource: s.calleeFromSource === true || undefined,
	};
}

function toTarget(key: string, { columns, marks, info, alerts, tops, verdict }: Collected): RecordedTarget {
	columns.sort();
	marks.sort((a, b) => a.t - b.t);
	tops.sort((a, b) => a.t - b.t);
	alerts.sort((a, b) => a.t - b.t);
	const historyBetween = (from: number, to: number) => {
		const history = columns.historyBetween(from, to);
		for (const mark of marks) if (mark.t >= from && mark.t <= to) history.addMarker(mark);
		return history;
	};
	let whole: History | undefined;
	return {
		key, info, alerts, tops, verdict, historyBetween, start: columns.timeAt(0), end: columns.timeAt(columns.length - 1),
		get history() {
			return (whole ??= historyBetween(-Infinity, Infinity));
		},
	};
}
