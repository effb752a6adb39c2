// memtop's demo target: an HTTP server that sends itself traffic, makes ordinary garbage on every request,
// and leaks slowly (a "cache" of request records that is never trimmed), so every chart has something to show.
'use strict';
const http = require('node:http');

// The slow leak: ~2 KB per request, never released. A named class, so heap snapshots show it by name.
class RequestRecord {
	constructor(request) {
		this.url = request.url;
		this.at = Date.now();
		this.headers = { ...request.headers };
		this.note = Buffer.alloc(1800, request.url).toString('latin1'); // a flat string of its own, not a shared repeat
	}
}
const leakedRequests = [];
const server = http.createServer((request, response) => {
	// Ordinary garbage: a few hundred short-lived objects and a JSON round trip per request.
	const rows = Array.from({ length: 300 }, (_, i) => ({ id: i, name: `row-${i}`, at: Date.now() }));
	const body = JSON.stringify({ path: request.url, rows: rows.slice(0, 20), total: rows.length });
	leakedRequests.push(new RequestRecord(request));
	response.writeHead(200, { 'content-type': 'application/json' });
	response.end(body);
});

const agent = new http.Agent({ keepAlive: true, maxSockets: 4 });
function drive(port) {
	// About 40 requests a second with bursts, so GC and handles move.
	setInterval(() => {
		const burst = 1 + Math.floor(Math.random() * 6);
		for (let i = 0; i < burst; i++) {
			http.get({ host: '127.0.0.1', port, path: `/item/${Math.floor(Math.random() * 1000)}`, agent }, (res) => res.resume())
				.on('error', () => {});
		}
	}, 100);
	// Now and then a bigger allocation: a report built and thrown away.
	setInterval(() => {
		const report = [];
		for (let i = 0; i < 20000; i++) report.push({ i, label: `entry ${i}`, values: [i, i * 2, i * 3] });
		return report.length;
	}, 3000);
}

server.listen(Number(process.env.PORT) || 0, '127.0.0.1', () => {
	const { port } = server.address();
	console.log(`demo server on http://127.0.0.1:${port}`);
	drive(port);
});
process.on('SIGTERM', () => process.exit(0));
