import { test } from 'node:test';
import assert from 'node:assert/strict';
import { formatBytes, formatMs, formatDuration, formatPercent, parseDuration, formatBytesPerMinute } from '../../source/model/format.js';

test('bytes in powers of 1024, absent shown as a dash', () => {
	assert.equal(formatBytes(512), '512 B');
	assert.equal(formatBytes(1536), '1.5 KiB');
	assert.equal(formatBytes(150 * 1024 * 1024), '150 MiB');
	assert.equal(formatBytes(-2048), '-2.0 KiB');
	assert.equal(formatBytes(undefined), '–');
	assert.equal(formatBytesPerMinute(1024 * 1024), '+1.0 MiB/min');
});

test('durations and percentages', () => {
	assert.equal(formatMs(0.4234), '0.42 ms');
	assert.equal(formatMs(12.34), '12.3 ms');
	assert.equal(formatMs(1250), '1.25 s');
	assert.equal(formatDuration(45_000), '45s');
	assert.equal(formatDuration(723_000), '12m03s');
	assert.equal(formatDuration(11_100_000), '3h05m');
	assert.equal(formatPercent(1.234), '1.2%');
	assert.equal(formatPercent(45.6), '46%');
});

test('parseDuration reads what people write', () => {
	assert.equal(parseDuration('5m'), 300_000);
	assert.equal(parseDuration('90s'), 90_000);
	assert.equal(parseDuration('1h'), 3_600_000);
	assert.equal(parseDuration('250ms'), 250);
	assert.equal(parseDuration('12'), 12_000);
	assert.equal(parseDuration('soon'), undefined);
});
