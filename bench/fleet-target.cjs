// One process of the fleet benchmark's cluster: a service at rest-ish, as most of a fleet is. It makes ~1 MB/s
// of short-lived garbage (so GCs happen and the sampler has something) and leaks a little, with a few timers.
'use strict';
const cluster = require('node:cluster');

if (cluster.isPrimary) {
	for (let i = 0; i < Number(process.argv[2] ?? 0); i++) cluster.fork();
	let online = 0;
	cluster.on('online', () => ++online === Number(process.argv[2] ?? 0) && console.log('ready'));
	if (Number(process.argv[2] ?? 0) === 0) console.log('ready');
} else {
	process.on('disconnect', () => process.exit(0));
}
const kept = [];
let sink;
setInterval(function serveRequest() {
	sink = Array.from({ length: 500 }, (_, i) => ({ i, name: `row-${i}` })); // ~20 KB each time, 50 times a second
	if (Math.random() < 0.1) kept.push(JSON.stringify(sink.slice(0, 5)));
}, 20);
setInterval(() => {}, 5000);
