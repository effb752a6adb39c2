// Progress for long commands on stderr, as one rewritten line, only on a terminal: logs and pipes get none.
export function progressLine(stream: NodeJS.WriteStream = process.stderr): { update(label: string, fraction?: number): void; done(): void } {
	let shown = false;
	return {
		update(label, fraction) {
			const percent = Math.max(0, Math.min(100, Math.floor((fraction ?? 0) * 100)));
			if (!stream.isTTY) return;
			stream.write(`\r${label}${fraction === undefined ? '' : ` ${String(percent).padStart(3)}%`}\x1b[K`);
			shown = true;
		},
		done() {
			if (shown) stream.write('\r\x1b[K');
		},
	};
}
