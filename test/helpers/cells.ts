// A drawn frame as the terminal shows it: per row, each column's character with the SGR styles in force
// there. Two frames with equal cells look the same, however differently their colour codes are written.
const SGR = /\x1b\[([0-9;]*)m/y;

// Which attribute a code sets, so a later code of the same group replaces it; 0 clears them all.
function group(code: number): string | undefined {
	if ((code >= 30 && code <= 39) || (code >= 90 && code <= 97)) return 'fg';
	if ((code >= 40 && code <= 49) || (code >= 100 && code <= 107)) return 'bg';
	const groups: Record<number, string> = { 1: 'weight', 2: 'weight', 22: 'weight', 3: 'italic', 23: 'italic', 4: 'underline', 24: 'underline',
		7: 'inverse', 27: 'inverse', 8: 'hidden', 28: 'hidden', 9: 'strike', 29: 'strike' };
	return groups[code];
}
const OFF = new Set([22, 23, 24, 27, 28, 29, 39, 49]);

function apply(state: Map<string, string>, params: string): void {
	const codes = params === '' ? [0] : params.split(';').map(Number);
	for (let i = 0; i < codes.length; i++) {
		const code = codes[i];
		if (code === 0) state.clear();
		else if (code === 38 || code === 48) {
			// 38;5;n and 38;2;r;g;b: the whole colour is one value
			const length = codes[i + 1] === 5 ? 2 : 4;
			state.set(code === 38 ? 'fg' : 'bg', codes.slice(i, i + 1 + length).join(';'));
			i += length;
		} else {
			const name = group(code);
			if (name === undefined) throw new Error(`unexpected SGR code ${code}`);
			if (OFF.has(code)) state.delete(name);
			else state.set(name, String(code));
		}
	}
}

/** Each row's cells as "char|styles"; blank unstyled cells at a row's end are dropped (Ink trims them). */
export function cells(frame: string): string[][] {
	const state = new Map<string, string>();
	return frame.split('\n').map((line) => {
		const row: string[] = [];
		let i = 0;
		while (i < line.length) {
			SGR.lastIndex = i;
			const code = SGR.exec(line);
			if (code) {
				apply(state, code[1]);
				i = SGR.lastIndex;
				continue;
			}
			const char = String.fromCodePoint(line.codePointAt(i)!);
			row.push(`${char}|${[...state.entries()].sort().map(([k, v]) => `${k}=${v}`).join(',')}`);
			i += char.length;
		}
		while (row.at(-1) === ' |') row.pop();
		return row;
	});
}
