// An allocation profile on disk, as the two files memtop always writes together: the .heapprofile Chrome
// DevTools opens and the pprof .pb.gz that go tool pprof, Pyroscope and Grafana read. Owner-only, written whole.
import { writePrivateFile, type ChosenBy } from './snapshot-file.js';
import type { SamplingProfile } from '../model/profile/sampling-profile.js';

export interface ProfileFilePaths {
	readonly heapprofile: string;
	readonly pprof: string;
}

/** `base` is a path without extension, or one ending in either extension: the other file goes beside it. */
export function writeProfileFiles(base: string, heapprofile: SamplingProfile, pprof: Uint8Array, chosenBy: ChosenBy = '--out-dir'): ProfileFilePaths {
	const stem = base.replace(/\.(heapprofile|pb\.gz)$/, '');
	const paths = { heapprofile: `${stem}.heapprofile`, pprof: `${stem}.pb.gz` };
	writePrivateFile(paths.heapprofile, JSON.stringify(heapprofile), chosenBy);
	writePrivateFile(paths.pprof, pprof, chosenBy);
	return paths;
}
