import { test } from 'node:test';
import assert from 'node:assert/strict';
import { stripVTControlCharacters as stripAnsi } from 'node:util';
import { reportLines, reportRows } from '../../source/render/report-lines.js';
import type { SnapshotReport } from '../../source/analysis/report.js';

const report: SnapshotReport = {
	file: '/tmp/memtop-42-20261122-101010.heapsnapshot',
	base: '/tmp/memtop-42-20261122-100000.heapsnapshot',
	nodes: 123456,
	edges: 400000,
	totalSize: 10 * 1024 * 1024,
	constructors: [
		{ name: 'Session', count: 1000, selfSize: 40000, retainedSize: 5 * 1024 * 1024 },
		{ name: '(string)', count: 5000, selfSize: 2 * 1024 * 1024, retainedSize: 2 * 1024 * 1024 },
		...Array.from({ length: 40 }, (_, i) => ({ name: `Filler${i}`, count: 1, selfSize: 10, retainedSize: 10 })),
	],
	diff: { matchedById: true, rows: [{ name: 'Session', countDelta: 500, sizeDelta: 20000, added: 510, removed: 10, addedSize: 20400, removedSize: 400, isNew: false }, { name: 'Fresh', countDelta: 3, sizeDelta: 30, added: 3, removed: 0, addedSize: 30, removedSize: 0, isNew: true }] },
	retainers: { Session: [{ id: 77, selfSize: 40, retainedSize: 5000, path: [{ node: 'global', id: 1, edge: '.keep' }, { node: 'Object', id: 3, edge: '.sessions' }, { node: 'Map', id: 5, edge: '{table}' }, { node: 'Session', id: 77 }] }] },
	timings: { parse: 1200, dominators: 800, summary: 100 },
};
const text = (lines: string[]) => lines.map((l) => stripAnsi(l));

test('summary: title, tabs, header and rows with shares of the total; the selected row is marked', () => {
	const lines = text(reportLines(report, { mode: 'summary', selected: 1 }, 100, 12));
	assert.equal(lines.length, 12);
	assert.match(lines[0], /Heap snapshot memtop-42-20261122-101010\.heapsnapshot · 123,456 nodes · 10\.0 MiB · analysed in 2\.1 s/);
	assert.match(lines[1], /Summary\s+Diff vs memtop-42-20261122-100000\.heapsnapshot/);
	assert.match(lines[2], /Constructor\s+Count\s+Shallow\s+Retained\s+%/);
	assert.match(lines[3], /^ {2}Session\s+1,000\s+39\.1 KiB\s+5\.0 MiB\s+50\.0%$/);
	assert.match(lines[4], /^› \(string\)\s+5,000\s+2\.0 MiB\s+2\.0 MiB\s+20\.0%$/);
	for (const line of lines) assert.ok(line.length <= 100);
});

test('the table scrolls to keep the selection on screen', () => {
	const lines = text(reportLines(report, { mode: 'summary', selected: 41 }, 100, 10));
	assert.ok(lines.some((l) => /^› Filler39/.test(l)), lines.join('\n'));
	assert.ok(!lines.some((l) => /Session/.test(l)));
});

test('diff: new, deleted and deltas per constructor, new classes marked', () => {
	const lines = text(reportLines(report, { mode: 'diff', selected: 0 }, 110, 8));
	assert.match(lines[2], /# New\s+# Deleted\s+# Delta\s+Alloc\.\s+Freed\s+Size Δ/);
	assert.match(lines[3], /^› Session\s+510\s+10\s+\+500\s+19\.9 KiB\s+400 B\s+\+19\.5 KiB$/);
	assert.match(lines[4], /\(new\) Fresh\s+3\s+0\s+\+3/);
	assert.deepEqual(reportRows(report, 'diff').map((r) => r.name), ['Session', 'Fresh']);
	const foreign = text(reportLines({ ...report, diff: { matchedById: false, rows: [{ name: 'Session', countDelta: 5, sizeDelta: 50, isNew: false }] } }, { mode: 'diff', selected: 0 }, 100, 8));
	assert.match(foreign.join('\n'), /object ids differ between these snapshots/);
	assert.doesNotMatch(foreign.join('\n'), /# New/);
});

test('retainers: each instance and its path from a root, wrapped to the width', () => {
	const lines = text(reportLines(report, { mode: 'summary', selected: 0, open: 'Session' }, 40, 10));
	assert.match(lines[2], /Largest Session instances/);
	assert.match(lines[3], /4\.9 KiB Session @77/);
	assert.equal(lines.slice(4).join('\n').replace(/\s+/g, ' ').trim(), 'global.keep → Object.sessions → Map{table} → Session @77');
	const missing = text(reportLines(report, { mode: 'summary', selected: 1, open: '(string)' }, 120, 10));
	assert.match(missing.join('\n'), /--retainers "\(string\)"/);
});
