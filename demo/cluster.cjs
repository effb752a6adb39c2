// The demo as a cluster: a primary and three workers, each running the demo server (so each leaks slowly and
// makes its own garbage). `memtop -- node demo/cluster.cjs` follows every worker; see the process list (Esc).
'use strict';
const cluster = require('node:cluster');

if (cluster.isPrimary) {
	for (let i = 0; i < Number(process.env.WORKERS ?? 3); i++) cluster.fork();
	cluster.on('exit', () => cluster.fork()); // a supervisor's habit: a worker that dies is replaced
} else {
	process.on('disconnect', () => process.exit(0));
	require('./server.cjs');
}
