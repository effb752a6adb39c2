// The line-wise frame must look exactly like Ink's own on every screen memtop draws, and step aside
// whenever it could not.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { cells } from '../helpers/cells.js';
import type { Operation } from '../../source/tui/line-output.js';

process.env.FORCE_COLOR = '3'; // with the colour codes a terminal gets, before chalk loads
const React = (await import('react')).default;
const { render } = await import('ink');
const { Writable } = await import('node:stream');
const { Dashboard } = await import('../../source/tui/components/dashboard.js');
const { framedLines, inkOutputClass, useLineOutput } = await import('../../source/tui/line-output.js');
const { props } = await import('../helpers/dashboard-props.js');

type Frame = { output: string; height: number };

/** Every frame Ink drew for `element`, as Ink's grid made it and as framedLines makes it. */
async function bothWays(element: React.ReactElement, size: { columns: number; rows: number }): Promise<Array<{ ink: Frame; lines: Frame | undefined }>> {
	const Output = (await inkOutputClass())!;
	const inks = Output.prototype.get;
	const frames: Array<{ ink: Frame; lines: Frame | undefined }> = [];
	Output.prototype.get = function (this: { width: number; height: number; operations: Operation[] }) {
		const ink = inks.call(this);
		frames.push({ ink, lines: framedLines(this.width, this.height, this.operations) });
		return ink;
	};
	try {
		// A real Ink on a terminal of the screen's size (ink-testing-library's is always 100 columns).
		const sink = Object.assign(new Writable({ write: (_chunk, _encoding, done) => done() }), size);
		render(element, { stdout: sink as unknown as NodeJS.WriteStream, debug: true, patchConsole: false, exitOnCtrlC: false }).unmount();
	} finally {
		Output.prototype.get = inks;
	}
	return frames;
}

const status = { view: { mode: 'inuse', unit: 'space', foldInternals: false }, perMinute: new Map(), readEveryMs: 5000 } as const;
const screens = {
	'charts 100x30': props(),
	'charts 160x48': props({ columns: 160, rows: 48 }),
	'charts 80x24': props({ columns: 80, rows: 24 }),
	'charts at the minimum, 60x16': props({ columns: 60, rows: 16 }),
	'frozen, with a message and a leak verdict': props({ frozen: true, message: 'forced a full GC',
		verdict: [{ text: ' LEAK ', color: 'red', inverse: true, bold: true }, { text: ' heap +2.0 MB/min over 5 min', dim: true }] }),
	'exited': props({ state: 'exited', stateDetail: 'target exited with code 137' }),
	'help on the charts': props({ body: { view: 'help', over: 'charts' } }),
	'help on the allocation top': props({ body: { view: 'help', over: 'top' }, columns: 80, rows: 24 }),
	'too small': props({ columns: 50, rows: 12 }),
};

for (const [name, screen] of Object.entries(screens)) {
	test(`line-wise frames look exactly like Ink's: ${name}`, async () => {
		const frames = await bothWays(<Dashboard {...screen} />, screen);
		assert.ok(frames.length > 0);
		for (const { ink, lines } of frames) {
			assert.ok(lines, 'the screen is blocks side by side: drawn line-wise, not left to Ink');
			assert.equal(lines.height, ink.height);
			assert.deepEqual(cells(lines.output), cells(ink.output));
		}
		assert.match(frames.at(-1)!.ink.output, /\x1b\[/, 'the frames were compared with their colours');
	});
}

const write = (x: number, y: number, text: string): Operation => ({ type: 'write', x, y, text, transformers: [] });

test('pieces side by side are joined with the spaces between them, rows in order', () => {
	const frame = framedLines(12, 3, [write(6, 0, 'cd\nef'), write(0, 0, '\x1b[32mab\x1b[39m'), write(1, 2, '─┤x')]);
	assert.deepEqual(frame, { output: '\x1b[32mab\x1b[39m    cd\n      ef\n ─┤x', height: 3 });
});

test('what only Ink can draw is left to Ink: clipping, overlap, a line past the frame, control characters', () => {
	assert.equal(framedLines(10, 2, [{ type: 'clip' }, write(0, 0, 'ab'), { type: 'unclip' }]), undefined);
	assert.equal(framedLines(10, 2, [write(0, 0, 'abcd'), write(2, 0, 'xy')]), undefined);
	assert.equal(framedLines(10, 2, [write(8, 0, 'abc')]), undefined);
	assert.equal(framedLines(10, 2, [write(0, 0, 'a\tb')]), undefined);
	// A wide character is measured as two columns, so the piece after it is not pulled under it.
	assert.equal(framedLines(10, 1, [write(0, 0, '日'), write(1, 0, 'x')]), undefined);
	assert.equal(framedLines(10, 1, [write(0, 0, '日'), write(2, 0, 'x')])?.output, '日x');
});

test('the Ink memtop runs on is one the line-wise frame knows', async () => {
	assert.equal(await useLineOutput(), true);
});
