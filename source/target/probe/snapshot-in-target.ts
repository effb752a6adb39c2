// The JavaScript that has V8 write the target's heap snapshot itself (v8.writeHeapSnapshot), when the target sees
// the file memtop made for it: the same machine and files, and leave to open it. Measured faster than streaming
// it over the inspector (bench/snapshot.ts), where every chunk travels as an escaped JSON message. Leaves nothing
// behind in the target. false: the target cannot (another machine or container, another user, no
// process.getBuiltinModule before Node 20.16), and memtop streams instead.

/** The expression; its value is true once the file is written, and it throws if V8 could not write it. */
export function snapshotInTargetSource(file: string, token: string): string {
	return `(() => {
	const load = globalThis.process && process.getBuiltinModule;
	if (typeof load !== 'function') return false;
	const fs = load('fs');
	const v8 = load('v8');
	let fd;
	try {
		fd = fs.openSync(${JSON.stringify(file)}, 'r+');
		if (fs.readFileSync(fd, 'utf8') !== ${JSON.stringify(token)}) throw new Error('not the file memtop made');
	} catch {
		if (fd !== undefined) fs.closeSync(fd);
		return false;
	}
	// Written through the descriptor opened on memtop's file, not its name: if memtop stops and removes the file
	// before V8 opens it, V8 must not make a new one at that name (seen: a .part left behind on a SIGTERM).
	try {
		v8.writeHeapSnapshot(fs.existsSync('/proc/self/fd') ? '/proc/self/fd/' + fd : ${JSON.stringify(file)});
	} finally {
		fs.closeSync(fd);
	}
	return true;
})()`;
}
