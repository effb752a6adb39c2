// `--prometheus [host:]port`: serve /metrics for every watched target, so one memtop per host can be scraped
// as a sidecar and Prometheus/Grafana do the fleet-wide work. Loopback unless a host is given.
import http from 'node:http';
import { once } from 'node:events';
import type { Fleet } from '../watch/fleet.js';
import { fleetMetrics } from './fleet-metrics.js';
import { prometheusText } from './prometheus-text.js';
import type { Endpoint } from '../types.js';
import { UsageError } from '../errors.js';

/** What a person who opens the address in a browser sees: where the metrics are. */
const INDEX = `<!doctype html>
<html><head><meta charset="utf-8"><title>memtop</title></head>
<body><h1>memtop</h1><p>Prometheus metrics of every target memtop watches: <a href="/metrics">/metrics</a></p></body></html>
`;

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
		const route = (request.url ?? '').split('?')[0];
		const answer = (status: number, type: string, body: string) => {
			response.writeHead(status, { 'content-type': type, 'content-length': Buffer.byteLength(body) });
			response.end(request.method === 'HEAD' ? undefined : body);
		};
		if (known && route === '/metrics') {
			// The fleet's store: the members as the screen sees them.
			answer(200, 'text/plain; version=0.0.4; charset=utf-8', prometheusText(fleetMetrics(fleet.getSnapshot())));
		} else if (known && route === '/') {
			answer(200, 'text/html; charset=utf-8', INDEX);
		} else {
			answer(404, 'text/plain; charset=utf-8', 'memtop serves / and /metrics\n');
		}
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
