// The analysis worker: the screen's thread keeps drawing while a snapshot is parsed here.
// In: workerData { file, base? }. Out: { progress }, then { report } or { error, format }.
import { parentPort, workerData } from 'node:worker_threads';
import { buildReport } from './report.js';
import { SnapshotFormatError } from '../errors.js';

const { file, base } = workerData as { file: string; base?: string };
let lastSent = 0;
try {
	const report = buildReport(file, base, (phase, fraction) => {
		const now = Date.now();
		if (now - lastSent < 100 && fraction > 0) return; // progress a few times a second is plenty
		lastSent = now;
		parentPort!.postMessage({ progress: { phase, fraction } });
	});
	parentPort!.postMessage({ report });
} catch (error) {
	parentPort!.postMessage({ error: (error as Error).message, format: error instanceof SnapshotFormatError });
}
