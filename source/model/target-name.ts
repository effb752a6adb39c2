// A target's name in a few words, for the header and the process list.
import type { TargetInfo } from '../types.js';

/** The script or command the target runs, shorter than its full argv. */
export function targetName(info: TargetInfo): string {
	if (info.thread) return `${info.thread.title} ${info.thread.url.replace(/^file:\/\//, '')}`;
	const script = info.argv.slice(1).join(' ');
	return script || info.title;
}
