// Text with SGR colour codes (a tmux capture, or memtop plot's chart lines) as an SVG a browser, GitHub or a README shows.
// It handles what memtop draws: the 16 colours, bold, dim, inverse and resets.
const PALETTE = ['#1e1e1e', '#e06c75', '#98c379', '#e5c07b', '#61afef', '#c678dd', '#56b6c2', '#dcdfe4'];
const BRIGHT = ['#5c6370', '#ff7b86', '#b5e890', '#ffd68a', '#82c4ff', '#e09cff', '#7fe0eb', '#ffffff'];
const FG = '#dcdfe4';
const BG = '#1e1e1e';

interface Style { fg?: string; bold?: boolean; dim?: boolean; inverse?: boolean }

const escapeXml = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

function applySgr(style: Style, codes: number[]): Style {
	let next = { ...style };
	for (const code of codes.length ? codes : [0]) {
		if (code === 0) next = {};
		else if (code === 1) next.bold = true;
		else if (code === 2) next.dim = true;
		else if (code === 22) next.bold = next.dim = false;
		else if (code === 7) next.inverse = true;
		else if (code === 27) next.inverse = false;
		else if (code >= 30 && code <= 37) next.fg = PALETTE[code - 30];
		else if (code >= 90 && code <= 97) next.fg = BRIGHT[code - 90];
		else if (code === 39) next.fg = undefined;
	}
	return next;
}

/** SVG of the captured screen, `columns` wide. */
export function ansiToSvg(capture: string, columns: number, title: string): string {
	const lines = capture.replace(/\n$/, '').split('\n');
	const cw = 8.4;
	const lh = 17;
	const width = Math.ceil(columns * cw + 20);
	const height = lines.length * lh + 20;
	const out: string[] = [];
	lines.forEach((line, row) => {
		let style: Style = {};
		let column = 0;
		for (const part of line.split(/(\x1b\[[0-9;]*m)/)) {
			const sgr = /^\x1b\[([0-9;]*)m$/.exec(part);
			if (sgr) {
				style = applySgr(style, sgr[1] ? sgr[1].split(';').map(Number) : []);
				continue;
			}
			if (!part) continue;
			const x = 10 + column * cw;
			const y = 10 + row * lh;
			const chars = [...part].length;
			const fg = style.inverse ? BG : style.fg ?? FG;
			if (style.inverse) out.push(`<rect x="${x}" y="${y}" width="${chars * cw}" height="${lh}" fill="${style.fg ?? FG}"/>`);
			if (part.trim()) {
				const weight = style.bold ? ' font-weight="bold"' : '';
				const opacity = style.dim ? ' opacity="0.6"' : '';
				out.push(`<text x="${x}" y="${y + 13}" fill="${fg}"${weight}${opacity} textLength="${chars * cw}" lengthAdjust="spacingAndGlyphs" xml:space="preserve">${escapeXml(part)}</text>`);
			}
			column += chars;
		}
	});
	return `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" role="img" aria-label="${escapeXml(title)}">
<rect width="100%" height="100%" fill="${BG}" rx="6"/>
<g font-family="DejaVu Sans Mono, Menlo, Consolas, monospace" font-size="14">
${out.join('\n')}
</g>
</svg>
`;
}
