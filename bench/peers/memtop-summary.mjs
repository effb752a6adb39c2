// memtop's side of bench/snapshot.ts: the same analysis `memtop analyze` runs, timed, with the peak RSS.
// Usage: node memtop-summary.mjs <snapshot> [devtools|memlab] <result.json>
import fs from 'node:fs';
import { analyzeFile } from '../../dist/analysis/analyze.js';

const [file, rules, out] = process.argv.slice(2);
const t0 = performance.now();
const { summary } = analyzeFile(file, undefined, rules);
const ms = performance.now() - t0;
const peakRss = Number(/VmHWM:\s+(\d+) kB/.exec(fs.readFileSync('/proc/self/status', 'utf8'))[1]) * 1024;
fs.writeFileSync(out, JSON.stringify({ ms, peakRss, constructors: summary.constructors }));
