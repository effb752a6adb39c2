// Run buildReport in a worker thread; the caller's thread (the screen) never blocks on a big snapshot.
import { startWorker } from './start-worker.js';
import type { ReportPhase, SnapshotReport } from './report.js';

/** Analyse file in a worker; base is the previous snapshot to diff against. */
export function analyzeInWorker(file: string, base: string | undefined, onProgress: (phase: ReportPhase, fraction: number) => void, signal?: AbortSignal): Promise<SnapshotReport> {
	const worker = startWorker('worker', { file, base });
	return new Promise<SnapshotReport>((resolve, reject) => {
		worker.on('message', (message: { progress?: { phase: ReportPhase; fraction: number }; report?: SnapshotReport; error?: string }) => {
			if (message.progress) onProgress(message.progress.phase, message.progress.fraction);
			else if (message.report) resolve(message.report);
			else if (message.error !== undefined) reject(new Error(message.error));
		});
		worker.on('error', reject);
		worker.on('exit', (code) => reject(new Error(`the analysis worker stopped (exit code ${code})`)));
		// Quitting must not wait for a big analysis: the worker is stopped with the screen.
		signal?.addEventListener('abort', () => void worker.terminate(), { once: true });
	});
}
