// The header's third line: a fresh alert's banner for a minute after it trips, else the leak verdict. Pure.
import path from 'node:path';
import type { LeakReport } from '../model/leak/detect.js';
import type { LoggedAlert } from '../watch/watchdog.js';
import type { Suspect } from '../model/profile/suspects.js';
import type { Piece } from './styled-line.js';
import { verdictPieces } from './verdict-line.js';

const BANNER_MS = 60_000;

/** What is shown of an alert: live, the watchdog's; replayed, the recording's. */
export type ShownAlert = Pick<LoggedAlert, 't' | 'text' | 'artifact' | 'note'>;

/** An alert and what became of its evidence, in words. */
export function alertText(alert: ShownAlert): string {
	const evidence = alert.artifact ? ` · captured ${path.basename(alert.artifact)}` : alert.note ? ` · ${alert.note}` : '';
	return `${alert.text}${evidence}`;
}

export function bannerOrVerdict(report: LeakReport, suspects: readonly Suspect[] | undefined, alerts: readonly ShownAlert[], now: number): Piece[] {
	const fresh = alerts.at(-1);
	if (fresh && now - fresh.t < BANNER_MS) {
		return [{ text: ` ALERT ${new Date(fresh.t).toLocaleTimeString('en-GB')} `, inverse: true, color: 'red', bold: true }, { text: ` ${alertText(fresh)}`, color: 'red' }, { text: '  l: log', dim: true }];
	}
	return verdictPieces(report, suspects);
}
