// Spawn mode and the children a command forks, against real processes: a child that announces while memtop is
// still attaching to its parent is not lost, and a child whose inspector cannot start is reported, not missed.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { setTimeout as sleep } from 'node:timers/promises';
import { runCli, type CliRun } from '../helpers/cli.js';
import { fixture, targetNode } from '../helpers/target.js';

type Line = Record<string, any>;

/** The records so far once `enough` holds of them, polling (a hang would otherwise stall the suite). */
async function until(run: CliRun, enough: (lines: Line[]) => boolean): Promise<Line[]> {
	for (let i = 0; i < 300 && !enough(run.lines()); i++) await sleep(100);
	return run.lines();
}

test('a child announced while the parent\'s attach is still waiting on its blocked main thread joins all the same', async () => {
	const run = runCli(['--json', '--interval', '300', '--no-sampling', '--', targetNode, fixture('fork-then-busy.cjs')]);
	const targets = (lines: Line[]) => lines.filter((l) => l.type === 'target');
	const isChild = (l: Line) => l.argv.includes('child');
	const lines = await until(run, (now) => targets(now).length === 2 && now.some((l) => l.type === 'sample' && l.target === targets(now).find(isChild)?.target));
	run.child.kill('SIGINT');
	const { code, stderr } = await run.done;
	assert.equal(code, 0, stderr);
	assert.equal(targets(lines).length, 2, `the parent and its child: ${stderr}`);
	const child = targets(lines).find(isChild);
	const parent = targets(lines).find((l) => !isChild(l));
	assert.ok(child && parent, `the forked child and its parent: ${JSON.stringify(targets(lines).map((t) => t.argv))}`);
	assert.notEqual(parent.pid, child.pid);
	assert.ok(lines.some((l) => l.type === 'sample' && l.target === child.target && l.heapUsed > 0), 'the child is read, not only listed');
});

test('a child whose inspector cannot start (its port taken) is reported as unwatched, with the address and why', async () => {
	const run = runCli(['--json', '--interval', '300', '--no-sampling', '--', targetNode, fixture('fork-on-taken-port.cjs')]);
	// The child's note can come before memtop has attached to the parent: wait for both before stopping the run.
	const lines = await until(run, (now) => now.some((l) => l.type === 'unwatched') && now.some((l) => l.type === 'target'));
	run.child.kill('SIGINT');
	const { code, stderr } = await run.done;
	assert.equal(code, 0, stderr);
	const note = lines.find((l) => l.type === 'unwatched');
	assert.ok(note, `an unwatched record: ${JSON.stringify(lines.filter((l) => l.type !== 'sample'))}`);
	assert.match(note.target, /^127\.0\.0\.1:\d+$/);
	assert.match(note.reason, new RegExp(`a child's inspector could not start on ${note.target.replace(/\./g, '\\.')}: address already in use`));
	const targets = lines.filter((l) => l.type === 'target');
	assert.equal(targets.length, 1, 'only the parent has an inspector');
	assert.ok(!targets[0].url.includes(note.target), 'the taken port is not the parent\'s inspector');
});
