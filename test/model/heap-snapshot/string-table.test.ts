// A snapshot's strings as bytes: every string read back as it went in, past a growth of either buffer.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { StringTable } from '../../../source/model/heap-snapshot/string-table.js';

test('strings, empty ones and non-ASCII read back; firstByte and indexOf without decoding the rest', () => {
	const table = new StringTable(2);
	const texts = ['map', '', 'système / NativeContext', '12 / part of key', '日本語', 'x'.repeat(3 << 20), 'last'];
	for (const text of texts) {
		if (text === '') table.appendEmpty();
		else if (text === 'map') table.appendBytes(Buffer.from(`"map"`), 1, 4);
		else table.appendText(text);
	}
	table.trim();
	assert.equal(table.length, texts.length);
	assert.deepEqual(texts.map((_, i) => table.get(i)), texts);
	assert.equal(table.get(texts.length), undefined);
	assert.equal(table.get(-1), undefined);
	assert.equal(table.firstByte(3), '1'.charCodeAt(0));
	assert.equal(table.firstByte(1), -1, 'empty');
	assert.equal(table.indexOf('日本語'), 4);
	assert.equal(table.indexOf('last'), 6);
	assert.equal(table.indexOf('las'), -1);
	assert.equal(table.indexOf(''), 1);
	assert.ok(table.includes(3, Buffer.from('part of')));
	assert.ok(table.includes(3, Buffer.from('12 / part of key')), 'the whole string');
	assert.ok(!table.includes(3, Buffer.from('part of key!')), 'not past its end');
	assert.ok(!table.includes(2, Buffer.from('12')), 'not in another string');
	assert.ok(!table.includes(1, Buffer.from('x')));
});
