// Regenerate screenshots/ from real runs: memtop on its bundled demo in a tmux terminal, captured with colours.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { ansiToSvg } from '../source/render/ansi-to-svg.js';

const root = path.join(path.dirname(fileURLToPath(import.meta.url)), '..');
const out = path.join(root, 'screenshots');
const COLUMNS = 130;
const ROWS = 42;
const tmux = (...args: string[]) => execFileSync('tmux', args, { encoding: 'utf8' });
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const name = `memtop-shots-${process.pid}`;

async function waitFor(re: RegExp): Promise<void> {
	for (let i = 0; i < 300 && !re.test(tmux('capture-pane', '-p', '-t', name)); i++) await sleep(200);
	await sleep(500);
}

function saveFrom(session: string, file: string, title: string) {
	const capture = tmux('capture-pane', '-p', '-e', '-t', session);
	fs.writeFileSync(path.join(out, `${file}.svg`), ansiToSvg(capture, COLUMNS, title));
	fs.writeFileSync(path.join(out, `${file}.txt`), tmux('capture-pane', '-p', '-t', session));
	console.log(`wrote screenshots/${file}.svg and .txt`);
}

const save = (file: string, title: string) => saveFrom(name, file, title);

fs.mkdirSync(out, { recursive: true });
const snapshotDir = fs.mkdtempSync(path.join(os.tmpdir(), 'memtop-shots-'));
tmux('new-session', '-d', '-s', name, '-x', String(COLUMNS), '-y', String(ROWS), `node ${path.join(root, 'dist', 'cli.js')} --demo --window 1m --out-dir ${snapshotDir} --record ${path.join(snapshotDir, 'demo.ndjson')}`);
tmux('set-option', '-t', name, 'window-size', 'manual');
const replayName = `${name}-replay`;
// The demo as a cluster, in a second terminal warming up alongside: memtop follows its workers.
const fleetName = `${name}-fleet`;
tmux('new-session', '-d', '-s', fleetName, '-x', String(COLUMNS), '-y', '20', `node ${path.join(root, 'dist', 'cli.js')} --window 1m --out-dir ${snapshotDir} -- node ${path.join(root, 'demo', 'cluster.cjs')}`);
tmux('set-option', '-t', fleetName, 'window-size', 'manual');
try {
	await sleep(Number(process.env.WARMUP_S ?? 50) * 1000); // let the one-minute window fill
	tmux('send-keys', '-t', fleetName, 'Escape');
	await sleep(1500);
	saveFrom(fleetName, 'process-list', 'memtop: the process list, following a cluster of the demo');
	tmux('send-keys', '-t', fleetName, 'q');
	tmux('send-keys', '-t', name, 'g');
	await sleep(4000);
	save('dashboard', 'memtop watching its demo server');
	tmux('send-keys', '-t', name, '?');
	await sleep(1500);
	save('help', 'memtop help screen');
	tmux('send-keys', '-t', name, 'x');
	await sleep(500);
	// Two heap snapshots ten seconds apart: the second opens on the diff, where the leak shows.
	tmux('send-keys', '-t', name, 's');
	await waitFor(/Heap snapshot memtop-/);
	save('snapshot-summary', 'memtop: heap snapshot summary by constructor');
	tmux('send-keys', '-t', name, 'Escape');
	await sleep(10_000);
	tmux('send-keys', '-t', name, 's');
	await waitFor(/Diff vs memtop-/);
	save('snapshot-diff', 'memtop: what changed since the previous snapshot');
	// Select the demo's leaking class, then ask what keeps it alive.
	const rows = tmux('capture-pane', '-p', '-t', name).split('\n').filter((line) => /^[› ] \S/.test(line) && !/Constructor/.test(line));
	const leak = rows.findIndex((line) => line.includes('RequestRecord'));
	for (let i = 0; i < leak; i++) tmux('send-keys', '-t', name, 'Down');
	await sleep(800);
	tmux('send-keys', '-t', name, 'Enter');
	await waitFor(/Largest .* instances/);
	save('snapshot-retainers', 'memtop: what keeps the growing objects alive');
	tmux('send-keys', '-t', name, 'Escape');
	tmux('send-keys', '-t', name, 'Escape');
	await sleep(500);
	// The live allocation top (sampling has run since memtop attached), internals folded into the program's code.
	tmux('send-keys', '-t', name, 't');
	await waitFor(/flat%\s+sum%/);
	tmux('send-keys', '-t', name, 'i');
	await sleep(1500);
	save('alloc-top', 'memtop: live allocation top by function');
	tmux('send-keys', '-t', name, 'Enter');
	await waitFor(/called from[\s\S]*\d+  /);
	save('alloc-list', 'memtop: list of the top allocating function, with callers and source');
	tmux('send-keys', '-t', name, 'Escape');
	tmux('send-keys', '-t', name, 't');
	await sleep(500);
	// The leak verdict's evidence: by now over a minute of watching.
	tmux('send-keys', '-t', name, 'l');
	await waitFor(/Series \(judged on their floor/);
	save('leaks', 'memtop: the leak verdict and its evidence');
	tmux('send-keys', '-t', name, 'Escape');
	await sleep(500);
	tmux('resize-window', '-t', name, '-x', '56', '-y', '14');
	await sleep(1500);
	save('too-small', 'memtop in a terminal below its minimum size');
	// The run just watched, recorded beside the screen (--record), replayed with the cursor 30 s before its end.
	tmux('send-keys', '-t', name, 'q');
	await sleep(3000);
	tmux('new-session', '-d', '-s', replayName, '-c', snapshotDir, '-x', String(COLUMNS), '-y', String(ROWS), `node ${path.join(root, 'dist', 'cli.js')} replay demo.ndjson`);
	tmux('set-option', '-t', replayName, 'window-size', 'manual');
	for (let i = 0; i < 100 && !/● REPLAY/.test(tmux('capture-pane', '-p', '-t', replayName)); i++) await sleep(200);
	await sleep(800);
	for (let i = 0; i < 3; i++) tmux('send-keys', '-t', replayName, 'Left');
	await sleep(1500);
	saveFrom(replayName, 'replay', 'memtop replay: the recorded run with the cursor 30 s before its end');
} finally {
	tmux('send-keys', '-t', name, 'q');
	await sleep(2000);
	for (const session of [name, fleetName, replayName]) {
		try {
			tmux('kill-session', '-t', session);
		} catch {
			// it ended with memtop
		}
	}
	fs.rmSync(snapshotDir, { recursive: true, force: true });
}
