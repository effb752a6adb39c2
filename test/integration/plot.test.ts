// memtop plot: a real recorded run drawn as an SVG with the screen's charts, checked as text and, rendered by
// headless Chromium, as a picture that is not blank; a broken recording is named by its line.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { runCli } from '../helpers/cli.js';
import { needs } from '../helpers/tools.js';
import { recordRun } from '../helpers/record-run.js';
import { readPng } from '../helpers/png.js';

/** A real run of churn.cjs, recorded by memtop --json into dir. */
const recorded = (dir: string) => recordRun(dir, 4, 300);

test('plot: the run\'s charts, name, span and verdict in an SVG; --series chooses; a broken line is named', async (t) => {
	const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'memtop-plot-'));
	t.after(() => fs.rmSync(dir, { recursive: true, force: true }));
	const file = await recorded(dir);
	const plot = await runCli(['plot', file, '--out', path.join(dir, 'run.svg')]).done;
	assert.equal(plot.code, 0, plot.stderr);
	const svg = fs.readFileSync(path.join(dir, 'run.svg'), 'utf8');
	assert.match(svg, /^<svg xmlns="http:\/\/www\.w3\.org\/2000\/svg"/);
	for (const text of ['churn.cjs', 'Memory', 'heap used', 'GC pause per interval', 'Allocation rate', 'Active handles and requests', 'MiB']) assert.ok(svg.includes(text), `${text} in the picture`);
	assert.match(svg, />(▲ LEAK|no-leak|inconclusive)</, 'the final verdict in the title');

	const gcOnly = await runCli(['plot', file, '--out', path.join(dir, 'gc.svg'), '--series', 'gc']).done;
	assert.equal(gcOnly.code, 0, gcOnly.stderr);
	const gc = fs.readFileSync(path.join(dir, 'gc.svg'), 'utf8');
	assert.ok(gc.includes('GC pause per interval') && !gc.includes('Memory'), 'only the series asked for');
	assert.equal((await runCli(['plot', file, '--series', 'heap,bogus']).done).code, 2);

	const lines = fs.readFileSync(file, 'utf8').split('\n');
	fs.writeFileSync(path.join(dir, 'broken.ndjson'), [...lines.slice(0, 3), '{"type":"sample",', ...lines.slice(3)].join('\n'));
	const broken = await runCli(['plot', path.join(dir, 'broken.ndjson'), '--out', path.join(dir, 'b.svg')]).done;
	assert.equal(broken.code, 2);
	assert.match(broken.stderr, /^memtop: \S+broken\.ndjson: line 4: not JSON/);
	// A run killed while writing its last line: that line is left out, said, and the rest is drawn.
	fs.writeFileSync(path.join(dir, 'killed.ndjson'), lines.join('\n').trimEnd() + '\n{"target":"x","type":"sam');
	const killed = await runCli(['plot', path.join(dir, 'killed.ndjson'), '--out', path.join(dir, 'k.svg')]).done;
	assert.equal(killed.code, 0, killed.stderr);
	assert.match(killed.stderr, /line \d+ is cut short .*left out/);
});

test('plot: rendered by a browser, the picture has its lines drawn in their colours', needs('chromium'), async (t) => {
	const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'memtop-plot-png-'));
	t.after(() => fs.rmSync(dir, { recursive: true, force: true }));
	const file = await recorded(dir);
	assert.equal((await runCli(['plot', file, '--out', path.join(dir, 'run.svg')]).done).code, 0);
	const png = path.join(dir, 'run.png');
	const shot = spawnSync('chromium', ['--headless', '--no-sandbox', '--disable-gpu', `--user-data-dir=${path.join(dir, 'profile')}`, `--screenshot=${png}`, '--window-size=1200,900', `file://${path.join(dir, 'run.svg')}`], { encoding: 'utf8', timeout: 60_000 });
	assert.ok(fs.existsSync(png), `chromium wrote no picture: ${shot.stderr}`);
	const picture = readPng(fs.readFileSync(png));
	// Count the pixels near each line's colour (ansi-to-svg's palette): rss magenta, heap green, GC red.
	const near = (rgb: [number, number, number], [r, g, b]: [number, number, number]) => Math.abs(rgb[0] - r) + Math.abs(rgb[1] - g) + Math.abs(rgb[2] - b) < 60;
	const counts = { rss: 0, heap: 0, gc: 0, background: 0 };
	for (let y = 0; y < picture.height; y++) {
		for (let x = 0; x < picture.width; x++) {
			const rgb = picture.pixel(x, y);
			if (near(rgb, [0xc6, 0x78, 0xdd])) counts.rss++;
			if (near(rgb, [0x98, 0xc3, 0x79])) counts.heap++;
			if (near(rgb, [0xe0, 0x6c, 0x75])) counts.gc++;
			if (near(rgb, [0x1e, 0x1e, 0x1e])) counts.background++;
		}
	}
	assert.ok(counts.background > 100_000, `the dark background: ${JSON.stringify(counts)}`);
	// A line across the plot is hundreds of pixels; its legend's square and name are a few dozen.
	for (const line of ['rss', 'heap', 'gc'] as const) assert.ok(counts[line] > 300, `${line} drawn: ${JSON.stringify(counts)}`);
});
