// The process list's lines: one row per target with its figures, the selection kept in view, every line
// within the terminal's width at the sizes memtop supports.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { stripVTControlCharacters as plain } from 'node:util';
import { processListLines } from '../../source/render/process-list-lines.js';
import type { ProcessRow } from '../../source/watch/process-rows.js';
import { textWidth } from '../../source/render/text-width.js';

const row = (pid: number, overrides: Partial<ProcessRow> = {}): ProcessRow => ({
	key: `ws://127.0.0.1:${9000 + pid}/x`, pid, title: `worker-${pid}.js`, where: `:${9000 + pid}`, heapUsed: pid * 1024 * 1024, rss: 50 * 1024 * 1024,
	gcTimePercent: 1.5, handles: 4, heapSeries: [1, 2, 8], verdict: 'no-leak', state: 'live', gone: false, ...overrides,
});

test('each row shows pid, port, title, heap, rss, GC time, handles and its verdict; gone targets say how', () => {
	const rows = [row(1), row(2, { verdict: 'leak' }), row(3, { gone: true, state: 'exited' }), row(4, { state: 'failed', gone: true })];
	const lines = processListLines(rows, 1, 120, 10, 'watching 127.0.0.1:9001-9004').map(plain);
	assert.match(lines[0], /targets 2 live, 2 gone\s+watching 127\.0\.0\.1:9001-9004/);
	assert.match(lines[1], /PID\s+WHERE\s+TITLE\s+HEAP\s+RSS\s+GC%\s+HNDL\s+HEAP OVER WINDOW\s+VERDICT/);
	assert.match(lines[2], /^\s+1 :9001\s+worker-1\.js\s+1\.0 MiB\s+50\.0 MiB\s+1\.5%\s+4\s+▁▂█ no-leak/);
	assert.match(lines[3], /^▶\s+2 :9002 .* leak/, 'the selected row is marked');
	assert.match(lines[4], /exited/);
	assert.match(lines[5], /not attached/);
	assert.equal(lines.length, 10);
});

test('lines fit the width at 80 and 200 columns; the selection stays in view when the list scrolls', () => {
	const rows = Array.from({ length: 30 }, (_, i) => row(i + 1));
	for (const width of [80, 200]) {
		const lines = processListLines(rows, 25, width, 12, 'caption');
		for (const line of lines) assert.ok(textWidth(plain(line)) <= width - 1, `${textWidth(plain(line))} > ${width - 1}: ${plain(line)}`);
		assert.ok(lines.some((l) => plain(l).startsWith('▶') && /\b26 :9026\b/.test(plain(l))), `row 26 selected and shown at ${width}`);
	}
	assert.match(plain(processListLines([], 0, 80, 5, 'watching :9229-9236')[2]), /no target yet: watching :9229-9236/);
});

test('titles in CJK or with emoji keep the columns in line: every row is as wide as the others', () => {
	const rows = [row(1), row(2, { title: 'チェックアウト・サービス' }), row(3, { title: '🔥 hot-path.js --port 80' }), row(4, { title: 'e\u0301clair.js' })];
	const lines = processListLines(rows, 0, 120, 7, 'caption').slice(2, 6).map(plain);
	const verdictAt = lines.map((line) => textWidth(line.slice(0, line.indexOf('no-leak'))));
	assert.deepEqual(verdictAt, Array(4).fill(verdictAt[0]), lines.join('\n'));
	for (const line of lines) assert.ok(textWidth(line) <= 120, line);
});
