// Free loopback ports for tests that need a known port or a run of consecutive ones (a cluster's inspectors).
import net from 'node:net';

const isFree = (port: number) => new Promise<boolean>((resolve) => {
	const server = net.createServer();
	server.once('error', () => resolve(false));
	server.listen(port, '127.0.0.1', () => server.close(() => resolve(true)));
});

/** The first of `count` consecutive free ports, from a random start (tests run side by side). */
export async function freePortRun(count: number): Promise<number> {
	for (let attempt = 0; attempt < 50; attempt++) {
		const base = 20_000 + Math.floor(Math.random() * 30_000);
		let free = true;
		for (let p = base; p < base + count && free; p++) free = await isFree(p);
		if (free) return base;
	}
	throw new Error(`no run of ${count} free ports found`);
}
