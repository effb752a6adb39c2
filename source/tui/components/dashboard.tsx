// The whole screen for one target, from props only: tests render it at any size without a terminal.
import React from 'react';
import { Box } from 'ink';
import type { History } from '../../model/history.js';
import type { ConnectionState, TargetInfo } from '../../types.js';
import { layout } from '../../render/layout.js';
import { chartSpec } from '../../render/chart-specs.js';
import { nowLines, topBriefLines, type NowLine } from '../../render/now-lines.js';
import { formatDuration } from '../../model/format.js';
import { ChartPanel, LABEL_WIDTH } from './chart-panel.js';
import { Header, type ReplayMark } from './header.js';
import { Footer } from './footer.js';
import { NowPanel } from './now-panel.js';
import { TooSmall } from './too-small.js';
import { Painted } from './painted.js';
import { styledLine, type Piece } from '../../render/styled-line.js';
import { leakLines, type LeakView } from '../../render/leak-lines.js';
import { reportLines, type ReportView } from '../../render/report-lines.js';
import type { SnapshotReport } from '../../analysis/report.js';
import { topLines } from '../../render/top-lines.js';
import { listLines } from '../../render/list-lines.js';
import { helpLines } from '../../render/help-lines.js';
import type { LiveTopStatus } from '../../watch/live-top-status.js';

export interface DashboardProps {
	history: History;
	info?: TargetInfo;
	state: ConnectionState;
	stateDetail?: string;
	/** The time the screen shows: now, or the moment it was frozen. */
	at: number;
	frozen: boolean;
	windowMs: number;
	intervalMs: number;
	elapsedMs: number;
	columns: number;
	rows: number;
	logFile?: string;
	message?: string;
	/** What fills the screen under the header: the charts unless a view is open. */
	body?: Body;
	/** The leak verdict line (or a fresh alert's banner), under the header. */
	verdict?: Piece[];
	/** The allocation top's status while sampling runs, for its brief in the now panel. */
	topStatus?: LiveTopStatus;
	/** Replaying a recording: the header says so, `at` is the cursor and only the keys a recording has are shown. */
	replay?: ReplayMark;
}

/** The one view on screen, with what it shows. Help lists the keys of the view it was opened over first. */
export type Body =
	| { readonly view: 'charts' }
	| { readonly view: 'help'; readonly over: 'charts' | 'report' | 'top' | 'leaks' }
	/** The l screen: leak evidence and the alert log. */
	| { readonly view: 'leaks'; readonly leaks: LeakView }
	/** The live allocation top (or the list of one function). */
	| { readonly view: 'top'; readonly status: LiveTopStatus; readonly sort: 'flat' | 'cum'; readonly selected: number }
	/** The snapshot report. */
	| { readonly view: 'report'; readonly report: SnapshotReport; readonly reportView: ReportView };

export function Dashboard(props: DashboardProps) {
	const plan = layout(props.columns, props.rows);
	if (plan.tooSmall) return <TooSmall columns={props.columns} rows={props.rows} />;
	const plotColumns = Math.max(2, plan.chartWidth - LABEL_WIDTH - 2);
	const height = props.rows - 4; // header 3, footer 1
	const body = props.body ?? { view: 'charts' };
	return (
		<Box flexDirection="column" width={props.columns} height={props.rows}>
			<Header info={props.info} state={props.state} stateDetail={props.stateDetail} frozen={props.frozen}
				intervalMs={props.intervalMs} windowMs={props.windowMs} elapsedMs={props.elapsedMs} logFile={props.logFile} width={props.columns} verdict={props.verdict} replay={props.replay} />
			{body.view === 'charts' ? (
				<Box height={height}>
					<Box flexDirection="column" width={plan.chartWidth}>
						{plan.charts.map((chart) => (
							<ChartPanel key={chart.name} spec={chartSpec(chart.name, props.history, props.at, props.windowMs, plotColumns, props.intervalMs, props.info?.runtime)} height={chart.height} width={plan.chartWidth} />
						))}
						<Painted lines={[styledLine([{ text: timeAxis(props.windowMs, plotColumns, props.replay ? 'cursor' : 'now'), dim: true }], plan.chartWidth)]} width={plan.chartWidth} />
					</Box>
					{plan.nowWidth > 0 && <NowPanel lines={withTopBrief(nowLines(props.history, props.at, props.windowMs, props.info), props.topStatus, height)} width={plan.nowWidth} height={height} />}
				</Box>
			) : (
				<Painted lines={viewLines(body, props.columns, height, props.replay !== undefined)} width={props.columns} />
			)}
			<Footer message={props.message} width={props.columns} view={body.view === 'help' ? body.over : body.view} replay={props.replay !== undefined} />
		</Box>
	);
}

/** The lines of a view other than the charts, at the width and height there is. */
function viewLines(body: Exclude<Body, { view: 'charts' }>, width: number, height: number, replay: boolean): string[] {
	if (body.view === 'help') return helpLines(body.over, width, height, replay);
	if (body.view === 'leaks') return leakLines(body.leaks, width, height);
	if (body.view === 'report') return reportLines(body.report, body.reportView, width, height);
	return body.status.list ? listLines(body.status, body.status.list, width, height) : topLines(body.status, body.sort, body.selected, width, height);
}

/** "-5m ... now" under the plots, aligned with their columns ("cursor" for a replay's moment). */
function timeAxis(windowMs: number, plotColumns: number, right: string): string {
	const left = `-${formatDuration(windowMs)}`;
	return ' '.repeat(LABEL_WIDTH + 1) + left + right.padStart(Math.max(right.length + 1, plotColumns - left.length));
}

/** The now panel's rows and, below them in what room is left, the allocation top in brief. */
function withTopBrief(lines: NowLine[], status: LiveTopStatus | undefined, height: number): NowLine[] {
	const room = height - 1 - lines.length - 1; // the panel's title, a blank row between
	const brief = topBriefLines(status, Math.min(room, 8));
	return brief.length > 0 ? [...lines, { label: '', value: '' }, ...brief] : lines;
}
