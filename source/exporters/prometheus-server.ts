// `--prometheus [host:]port`: serve /metrics for every watched target, so one memtop per host can be scraped
// as a sidecar and Prometheus/Grafana do the fleet-wide work. Loopback unless a host is given.
import http from 'node:http';
import { once } from 'node:events';
import type { Fleet } from '../watch/fleet.js';
import { fleetMetrics } from './fleet-metrics.js';
import { prometheusText } from './prometheus-text.js';
import type { Endpoint } from '../types.js';
import { UsageError } from '../errors.js';

export interface MetricsServer {
	/** The port it listens on (the one asked for, or the one the system chose for port 0). */
	readonly port: number;
	/** Where to scrape it: what memtop tells the user, headless on stderr, on the screen in the list's header. */
	readonly url: string;
	close(): Promise<void>;
}

/** Listen on endpoint; a taken port or an address not on this machine is a UsageError naming the fix. */
export async function serveMetrics(fleet: Fleet, endpoint: Endpoint): Promise<MetricsServer> {
	const server = http.createServer((request, response) => {
		// HEAD is answered as GET without the body (a load balancer's health check, curl -I).
		const known = request.method === 'GET' || request.method === 'HEAD';
		if (!known || (request.url ?? '').split('?')[0] !== '/metrics') {
			response.writeHead(404, { 'content-type': 'text/plain' }).end(request.method === 'HEAD' ? undefined : 'memtop serves /metrics only\n');
			return;
		}
		const body = prometheusText(fleetMetrics(fleet.getSnapshot())); // the fleet's store: the members as the screen sees them
		response.writeHead(200, { 'content-type': 'text/plain; version=0.0.4; charset=utf-8', 'content-length': Buffer.byteLength(body) });
		response.end(request.method === 'HEAD' ? undefined : body);
	});
	server.listen(endpoint.port, endpoint.host);
	try {
		await Promise.race([once(server, 'listening'), once(server, 'error').then(([error]) => Promise.reject(error))]);
	} catch (error) {
		const code = (error as NodeJS.ErrnoException).code;
		if (code === 'EADDRINUSE') throw new UsageError(`--prometheus: port ${endpoint.port} on ${endpoint.host} is already taken; choose another (9464 is the usual one) or stop what holds it`);
		if (code === 'EADDRNOTAVAIL') throw new UsageError(`--prometheus: ${endpoint.host} is not an address of this machine`);
		throw error;
	}
	server.unref(); // the run ends when its targets and timers say so, not because metrics are served
	const port = (server.address() as { port: number }).port;
	const host = endpoint.host.includes(':') ? `[${endpoint.host}]` : endpoint.host;
	return {
		port,
		url: `http://${host}:${port}/metrics`,
		close: () => new Promise((resolve) => server.close(() => resolve())),
	};
}
