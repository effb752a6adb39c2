// memtop's own version, from its package.json (beside dist/ and source/ alike): --version and the meta record say it.
import fs from 'node:fs';

let version: string | undefined;

export function memtopVersion(): string {
	version ??= (JSON.parse(fs.readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string }).version;
	return version;
}
