// Every number memtop shows a person is formatted here, once.
// Binary units, labelled as such: memtop divides by 1024 (as V8, Node and --max-old-space-size count).
const UNITS = ['B', 'KiB', 'MiB', 'GiB', 'TiB'];

/** 1536 -> "1.5 KiB". */
export function formatBytes(bytes: number | undefined): string {
	if (bytes === undefined || !Number.isFinite(bytes)) return '–';
	const sign = bytes < 0 ? '-' : '';
	let value = Math.abs(bytes);
	let unit = 0;
	while (value >= 1024 && unit < UNITS.length - 1) {
		value /= 1024;
		unit++;
	}
	const digits = unit === 0 || value >= 100 ? 0 : 1;
	return `${sign}${value.toFixed(digits)} ${UNITS[unit]}`;
}

/** Milliseconds for pauses: "0.42 ms", "12.3 ms", "1.25 s". */
export function formatMs(ms: number | undefined): string {
	if (ms === undefined || !Number.isFinite(ms)) return '–';
	if (ms >= 1000) return `${(ms / 1000).toFixed(2)} s`;
	if (ms >= 10) return `${ms.toFixed(1)} ms`;
	return `${ms.toFixed(2)} ms`;
}

/** Elapsed time: "45s", "12m03s", "3h05m". */
export function formatDuration(ms: number): string {
	const s = Math.max(0, Math.floor(ms / 1000));
	if (s < 60) return `${s}s`;
	const m = Math.floor(s / 60);
	if (m < 60) return `${m}m${String(s % 60).padStart(2, '0')}s`;
	return `${Math.floor(m / 60)}h${String(m % 60).padStart(2, '0')}m`;
}

export function formatPercent(p: number | undefined): string {
	if (p === undefined || !Number.isFinite(p)) return '–';
	return p >= 10 ? `${p.toFixed(0)}%` : `${p.toFixed(1)}%`;
}

/** A signed rate per minute: "+1.2 MB/min". */
export function formatBytesPerMinute(slope: number | undefined): string {
	if (slope === undefined) return '–';
	return `${slope >= 0 ? '+' : ''}${formatBytes(slope)}/min`;
}

/** Parse "5m", "90s", "1h", or plain seconds, into milliseconds; undefined if unreadable. */
export function parseDuration(text: string): number | undefined {
	const match = /^(\d+(?:\.\d+)?)\s*(ms|s|m|h)?$/.exec(text.trim());
	if (!match) return undefined;
	const n = Number(match[1]);
	const factor = { ms: 1, s: 1000, m: 60_000, h: 3_600_000 }[match[2] ?? 's']!;
	return n * factor;
}

/** A count with thousands separators: 8642450 -> "8,642,450"; "–" when unknown. */
export function formatCount(n: number | undefined): string {
	return n === undefined || !Number.isFinite(n) ? '–' : Math.round(n).toLocaleString('en-US');
}

/** A change with its sign, formatted by `format`: +1.2 MB, -3, 0 B. */
export function formatSigned(n: number, format: (n: number) => string): string {
	return n > 0 ? `+${format(n)}` : n < 0 ? `-${format(-n)}` : format(0);
}
