// Run buildReport in a worker thread; the caller's thread (the screen) never blocks on a big snapshot.
import { Worker } from 'node:worker_threads';
import type { ReportPhase, SnapshotReport } from './report.js';

/** Analyse file in a worker; base is the previous snapshot to diff against. */
export function analyzeInWorker(file: string, base: string | undefined, onProgress: (phase: ReportPhase, fraction: number) => void, signal?: AbortSignal): Promise<SnapshotReport> {
	// Built code runs worker.js beside this file; tests run the TypeScript sources, loaded through tsx.
	const fromSource = import.meta.url.endsWith('.ts');
	const entry = new URL(fromSource ? './worker.ts' : './worker.js', import.meta.url);
	const worker = fromSource
		? new Worker(`import('tsx/esm/api').then((tsx) => { tsx.register(); return import(${JSON.stringify(entry.href)}); })`, { eval: true, workerData: { file, base } })
		: new Worker(entry, { workerData: { file, base } });
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
