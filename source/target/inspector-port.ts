// The port a spawned command's inspector listens on. A cluster's workers take the primary's port + 1, + 2 ...;
// with port 0 the system chose ports from its ephemeral range, where other processes' ports (and the system's
// habit of handing out neighbours) often took a worker's, and that worker went unwatched. memtop picks a port
// with free ones after it, below the ephemeral range, and falls back to 0 when it finds none.
import net from 'node:net';

/** Workers a cluster is likely to fork (os.availableParallelism() on most servers) get their ports free too. */
const RUN = 32;
const LOWEST = 10_000;
const BELOW = 32_768; // Linux's ephemeral range starts here

const isFree = (port: number) => new Promise<boolean>((resolve) => {
	const server = net.createServer();
	server.once('error', () => resolve(false));
	server.listen(port, '127.0.0.1', () => server.close(() => resolve(true)));
});

/** A loopback port with RUN free ports from it on; 0 (the system's choice) if none is found soon. */
export async function inspectorPort(): Promise<number> {
	for (let attempt = 0; attempt < 20; attempt++) {
		const base = LOWEST + Math.floor(Math.random() * (BELOW - LOWEST - RUN));
		let free = true;
		for (let port = base; port < base + RUN && free; port++) free = await isFree(port);
		if (free) return base;
	}
	return 0;
}
