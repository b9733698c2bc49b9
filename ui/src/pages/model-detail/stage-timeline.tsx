// The stage history: one bar per version across time, coloured by stage, and the audit events under it.
import { useMemo } from 'react';
import type { AuditEvent, Stage } from '../../api/types.js';
import { Chart, type ChartOption } from '../../components/chart.js';
import { formatTime } from '../../format.js';
import { describeEvent, stagePeriods, type StagePeriod } from './stage-periods.js';

export const STAGE_COLOURS: Record<Stage, string> = { registered: '#94a3b8', staging: '#3b82f6', production: '#16a34a', decommissioned: '#f59e0b', archived: '#475569' };

interface RenderApi {
  value(dimension: number): number;
  coord(point: readonly number[]): number[];
  size(range: readonly number[]): number[];
  visual(name: 'color'): string;
}

export function StageTimeline({ events }: { events: readonly AuditEvent[] }) {
  const option = useMemo(() => timelineOption(stagePeriods(events)), [events]);
  const recent = [...events].sort((a, b) => b.at.localeCompare(a.at) || b.id - a.id).slice(0, 12);
  return (
    <>
      <Chart option={option} height={Math.max(120, 48 + 34 * new Set(stagePeriods(events).map((p) => p.version)).size)} label="Stage of each version over time" />
      <ol className="events">
        {recent.map((e) => (
          <li key={e.id}>
            <time>{formatTime(e.at)}</time>
            <span className="strong">{describeEvent(e)}</span>
            <span className="muted">by {e.actor}</span>
            {e.reason && <span className="reason">“{e.reason}”</span>}
          </li>
        ))}
      </ol>
    </>
  );
}

function timelineOption(periods: readonly StagePeriod[]): ChartOption {
  const versions = [...new Set(periods.map((p) => p.version))].sort((a, b) => a - b);
  const now = Date.now();
  const stages = Object.keys(STAGE_COLOURS) as Stage[];
  const renderItem = (_params: unknown, api: RenderApi) => {
    const row = api.value(0);
    const start = api.coord([api.value(1), row]);
    const end = api.coord([api.value(2), row]);
    const height = api.size([0, 1])[1]! * 0.55;
    return { type: 'rect', shape: { x: start[0], y: start[1]! - height / 2, width: Math.max(2, end[0]! - start[0]!), height }, style: { fill: api.visual('color') } };
  };
  return {
    tooltip: {
      formatter: (p: { seriesName: string; value: number[] }) => `v${versions[p.value[0]!]} ${p.seriesName}<br/>${formatTime(new Date(p.value[1]!).toISOString())} → ${p.value[3] ? 'now' : formatTime(new Date(p.value[2]!).toISOString())}`,
    },
    legend: { top: 0, data: stages.filter((s) => periods.some((p) => p.stage === s)) },
    grid: { left: 48, right: 24, top: 32, bottom: 28 },
    xAxis: { type: 'time' },
    yAxis: { type: 'category', data: versions.map((v) => `v${v}`), inverse: true },
    series: stages.map((stage) => ({
      name: stage,
      type: 'custom',
      renderItem,
      itemStyle: { color: STAGE_COLOURS[stage] },
      encode: { x: [1, 2], y: 0 },
      data: periods.filter((p) => p.stage === stage).map((p) => [versions.indexOf(p.version), Date.parse(p.from), p.to ? Date.parse(p.to) : now, p.to ? 0 : 1]),
    })),
  };
}
