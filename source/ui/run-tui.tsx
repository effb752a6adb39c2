import type { TargetSource } from '../collector/session.js';
import type { RunConfig } from '../options.js';
export async function runTui(_source: TargetSource, _config: RunConfig): Promise<number> { return 0; }
