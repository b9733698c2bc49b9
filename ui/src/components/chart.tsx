// A chart on a page. ECharts is loaded with the first chart, so pages without one (sign-in, models, keys) stay light.
import type { EChartsCoreOption } from 'echarts/core';
import { lazy, Suspense } from 'react';

export { COLOURS } from './chart-colours.js';
export type ChartOption = EChartsCoreOption;

const EChartsCanvas = lazy(() => import('./echarts-canvas.js'));

export function Chart({ option, height = 240, label }: { option: ChartOption; height?: number; label: string }) {
  return (
    <Suspense fallback={<div className="chart" style={{ height }} aria-busy="true" />}>
      <EChartsCanvas option={option} height={height} label={label} />
    </Suspense>
  );
}
