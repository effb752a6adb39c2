// Prometheus's own checker on a page memtop serves.
import { spawnSync } from 'node:child_process';

/** promtool's verdict on a page: its exit status and what it said. */
const promtool = (text: string) => spawnSync('promtool', ['check', 'metrics'], { input: text, encoding: 'utf8' });
/**
 * What promtool says of a page, but for its one style note on prom-client's own names: nodejs_active_handles_total
 * and nodejs_active_resources_total are gauges named like counters there, and dashboards know them by those names.
 */
export const promtoolComplaints = (text: string): string[] => {
	const result = promtool(text);
	const said = `${result.stdout}${result.stderr}`.split('\n').filter(Boolean);
	return said.filter((line) => !/^nodejs_active_(handles|resources)_total non-counter metrics should not have "_total" suffix$/.test(line));
};
