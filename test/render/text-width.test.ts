import { test } from 'node:test';
import assert from 'node:assert/strict';
import stringWidth from 'string-width';
import { textWidth } from '../../source/render/text-width.js';

test('every character counted directly takes the columns string-width says', () => {
	const ranges = [[0x20, 0x7e], [0xa1, 0x2ff], [0x2010, 0x2027], [0x2190, 0x21ff], [0x2500, 0x25fa], [0x2800, 0x28ff]];
	for (const [from, to] of ranges) {
		for (let code = from; code <= to; code++) {
			const char = String.fromCodePoint(code);
			assert.equal(textWidth(char), stringWidth(char), `U+${code.toString(16)}`);
		}
	}
});

test('colour codes take no columns, wide and zero-width characters go to string-width', () => {
	assert.equal(textWidth('\x1b[31m\x1b[1mheap\x1b[22m\x1b[39m ─┤ 12.0 MB…'), 16);
	assert.equal(textWidth('日本'), 4);
	assert.equal(textWidth('e\u0301'), 1);
	assert.equal(textWidth('🔥 hot'), 6);
	assert.equal(textWidth(''), 0);
});

test('fitting text to columns: wide characters count twice, a cut never halves one, padding fills to the width', async () => {
	const { fitColumns } = await import('../../source/render/text-width.js');
	for (const [text, width, expected] of [
		['api.js', 8, 'api.js  '],
		['注文サービス', 8, '注文サ… '], // 12 columns into 8: three characters (6), the ellipsis, one space
		['注文サービス', 12, '注文サービス'],
		['🔥 hot path', 6, '🔥 ho…'],
		['👩‍💻 dev', 4, '👩‍💻 …'], // one grapheme of several code points, two columns
		['e\u0301clair', 4, 'e\u0301cl…'],
	] as const) {
		const fitted = fitColumns(text, width);
		assert.equal(fitted, expected, text);
		assert.equal(stringWidth(fitted), width, `${text}: exactly ${width} columns`);
	}
	assert.equal(fitColumns('日本', 6, true), '  日本');
});
