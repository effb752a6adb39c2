// A CPU-and-allocation-bound target: builds, serialises and discards batches of objects as fast as it can,
// printing "ops <batches> <epoch ms> <CPU µs>" every quarter second: the process's CPU time (every thread: GC
// helpers, the inspector's) over the same quarter, so a benchmark can tell CPU per batch, which leaves out time
// spent waiting for the core. Lots of minor GCs, some major ones.
'use strict';
let done = 0;
let keep = [];
function batch() {
	const rows = [];
	for (let i = 0; i < 400; i++) rows.push({ id: i, name: 'row' + i, tags: ['a', 'b', String(i % 7)], score: Math.sqrt(i) });
	const text = JSON.stringify(rows);
	keep.push(text.length);
	if (keep.length > 5000) keep = [];
	return JSON.parse(text).length;
}
function slice() {
	const end = Date.now() + 20;
	while (Date.now() < end) { batch(); done++; }
	setImmediate(slice);
}
let cpuBefore = process.cpuUsage();
setInterval(() => {
	const cpu = process.cpuUsage(cpuBefore);
	cpuBefore = process.cpuUsage();
	console.log(`ops ${done} ${Date.now()} ${cpu.user + cpu.system}`);
	done = 0;
}, 250);
console.log('ready');
slice();
