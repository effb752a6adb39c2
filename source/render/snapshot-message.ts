// The footer's word on a snapshot in progress: what is happening and how far along it is.
import type { SnapshotStatus } from '../watch/snapshots.js';

const bar = (fraction = 0, width = 12) => {
	const full = Math.round(Math.max(0, Math.min(1, fraction)) * width);
	return `${'█'.repeat(full)}${'░'.repeat(width - full)} ${Math.floor(Math.max(0, Math.min(1, fraction)) * 100)}%`;
};

/** A message while a snapshot is being confirmed, taken, written or analysed; undefined otherwise. */
export function snapshotMessage(status: SnapshotStatus | undefined): string | undefined {
	switch (status?.phase) {
		case 'confirm':
			return status.text;
		case 'capturing':
			return `snapshot: the target is frozen while V8 walks its heap ${bar(status.fraction)}`;
		case 'writing':
			return `snapshot: writing, ${status.text ?? ''}`;
		case 'analysing':
			return `snapshot: analysing (${status.text ?? ''}) ${bar(status.fraction)}; the charts go on`;
		default:
			return undefined;
	}
}
