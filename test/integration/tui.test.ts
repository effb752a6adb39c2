// The real CLI on a real pseudo-terminal (tmux) against real targets: what a person sees and types.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Terminal } from '../helpers/tmux.js';
import { cliPath } from '../helpers/cli.js';
import { fixture, startTarget } from '../helpers/target.js';

const alive = (pid: number) => {
	try {
		process.kill(pid, 0);
		return true;
	} catch {
		return false;
	}
};

test('spawn mode: live screen, keys from the keymap, resize, and q stops the child', async () => {
	const term = Terminal.start(`node ${cliPath} --interval 500 -- node ${fixture('churn.cjs')}`);
	try {
		let screen = await term.waitFor(/● live/);
		const pid = Number(/pid (\d+)/.exec(screen)![1]);
		assert.ok(alive(pid));
		screen = await term.waitFor(/alloc rate\s+\d+(\.\d)? MB\/s/);
		assert.match(screen, /churn\.cjs/);
		assert.match(screen, /log \S*memtop-/);

		term.keys('g');
		screen = await term.waitFor(/forced a full GC/);
		await term.waitFor(/after major\s+\d/);
		assert.match(term.screen().split('\n').find((l) => l.includes('┤') || l.includes('┼'))!, /G/, 'the forced GC is marked on the top chart row');

		term.keys('?');
		screen = await term.waitFor(/memtop keys/);
		assert.match(screen, /force a full GC/);
		term.keys('x');
		await term.waitFor(/^(?![\s\S]*memtop keys)[\s\S]*Memory/);

		term.keys('Space');
		await term.waitFor(/● frozen/);
		term.keys('Space');
		await term.waitFor(/● live/);

		term.type('+');
		await term.waitFor(/window 10m00s/);
		term.type('-');
		await term.waitFor(/window 5m00s/);
		term.type('-');
		await term.waitFor(/window 2m00s/);

		term.resize(50, 12);
		await term.waitFor(/Terminal too small: 50×12/);
		term.resize(120, 40);
		await term.waitFor(/GC pause per interval/);

		term.keys('q');
		await term.waitFor(/EXITED 0/);
		for (let i = 0; i < 50 && alive(pid); i++) await new Promise((r) => setTimeout(r, 100));
		assert.equal(alive(pid), false, 'the spawned child was stopped');
	} finally {
		term.close();
	}
});

test('attach mode: a killed target is shown disconnected with history kept, and a restart on the same port comes back', async () => {
	const first = await startTarget('steady.cjs');
	const port = first.port;
	const term = Terminal.start(`node ${cliPath} --inspect ${port} --interval 300`);
	let second: Awaited<ReturnType<typeof startTarget>> | undefined;
	try {
		await term.waitFor(new RegExp(`pid ${first.child.pid}[\\s\\S]*● live`));
		await term.waitFor(/heap used\s+\d/);
		await first.kill('SIGKILL');
		let screen = await term.waitFor(/● disconnected/);
		assert.match(screen, /heap used\s+\d/, 'the last values and charts stay on screen');
		second = await startTarget('steady.cjs', [], port);
		screen = await term.waitFor(new RegExp(`pid ${second.child.pid}[\\s\\S]*● live`));
		assert.ok(screen.split('\n').some((l) => /[┤┼].*R/.test(l)), `a restart marker R on the charts:\n${screen}`);
		term.keys('q');
		await term.waitFor(/EXITED 0/);
		assert.equal(second.child.exitCode, null, 'an attached (not spawned) target keeps running after q');
	} finally {
		term.close();
		await first.kill();
		await second?.kill();
	}
});
