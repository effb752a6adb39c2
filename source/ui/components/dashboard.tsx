// The whole screen for one target, from props only: tests render it at any size without a terminal.
import React from 'react';
import { Box } from 'ink';
import type { History } from '../../model/history.js';
import type { ConnectionState, TargetInfo } from '../../types.js';
import { layout } from '../layout.js';
import { chartSpec } from '../chart-specs.js';
import { nowLines } from '../now-lines.js';
import { formatDuration } from '../../model/format.js';
import { ChartPanel, LABEL_WIDTH } from './chart-panel.js';
import { Header } from './header.js';
import { Footer } from './footer.js';
import { NowPanel } from './now-panel.js';
import { HelpScreen } from './help-screen.js';
import { TooSmall } from './too-small.js';
import { Painted } from './painted.js';
import { styledLine } from '../styled-line.js';
import { reportLines, type ReportView } from '../report-lines.js';
import type { SnapshotReport } from '../../analysis/report.js';
import { topLines } from '../top-lines.js';
import type { LiveTopStatus } from '../../live-top.js';

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
	showHelp: boolean;
	logFile?: string;
	message?: string;
	/** The snapshot report, when it is open instead of the charts. */
	report?: { report: SnapshotReport; view: ReportView };
	/** The live allocation top, when it is open instead of the charts. */
	allocTop?: { status: LiveTopStatus; sort: 'flat' | 'cum' };
}

export function Dashboard(props: DashboardProps) {
	const plan = layout(props.columns, props.rows);
	if (plan.tooSmall) return <TooSmall columns={props.columns} rows={props.rows} />;
	const plotColumns = Math.max(2, plan.chartWidth - LABEL_WIDTH - 2);
	const body = props.rows - 3;
	return (
		<Box flexDirection="column" width={props.columns} height={props.rows}>
			<Header info={props.info} state={props.state} stateDetail={props.stateDetail} frozen={props.frozen}
				intervalMs={props.intervalMs} windowMs={props.windowMs} elapsedMs={props.elapsedMs} logFile={props.logFile} width={props.columns} />
			{props.showHelp ? (
				<Box height={body}><HelpScreen /></Box>
			) : props.allocTop ? (
				<Painted lines={topLines(props.allocTop.status, props.allocTop.sort, props.columns, body)} width={props.columns} />
			) : props.report ? (
				<Painted lines={reportLines(props.report.report, props.report.view, props.columns, body)} width={props.columns} />
			) : (
				<Box height={body}>
					<Box flexDirection="column" width={plan.chartWidth}>
						{plan.charts.map((chart) => (
							<ChartPanel key={chart.name} spec={chartSpec(chart.name, props.history, props.at, props.windowMs, plotColumns, props.intervalMs)} height={chart.height} width={plan.chartWidth} />
						))}
						<Painted lines={[styledLine([{ text: timeAxis(props.windowMs, plotColumns), dim: true }], plan.chartWidth)]} width={plan.chartWidth} />
					</Box>
					{plan.nowWidth > 0 && <NowPanel lines={nowLines(props.history, props.at, props.windowMs, props.info)} width={plan.nowWidth} height={body} />}
				</Box>
			)}
			<Footer message={props.message} width={props.columns} view={props.showHelp ? 'charts' : props.allocTop ? 'top' : props.report ? 'report' : 'charts'} />
		</Box>
	);
}

/** "-5m ... now" under the plots, aligned with their columns. */
function timeAxis(windowMs: number, plotColumns: number): string {
	const left = `-${formatDuration(windowMs)}`;
	return ' '.repeat(LABEL_WIDTH + 1) + left + 'now'.padStart(Math.max(4, plotColumns - left.length));
}
