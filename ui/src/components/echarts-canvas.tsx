// An ECharts chart that follows its option and its container's size. Only the chart types the GUI draws are bundled,
// and this module is loaded on the first page with a chart (see chart.tsx).
import { BarChart, CustomChart, LineChart } from 'echarts/charts';
import { DataZoomComponent, GridComponent, LegendComponent, MarkAreaComponent, MarkLineComponent, TitleComponent, TooltipComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';
import { useEffect, useRef } from 'react';
import { COLOURS } from './chart-colours.js';

echarts.use([BarChart, LineChart, CustomChart, GridComponent, TooltipComponent, LegendComponent, MarkLineComponent, MarkAreaComponent, TitleComponent, DataZoomComponent, CanvasRenderer]);

export default function EChartsCanvas({ option, height, label }: { option: echarts.EChartsCoreOption; height: number; label: string }) {
  const element = useRef<HTMLDivElement>(null);
  const chart = useRef<echarts.ECharts | null>(null);
  useEffect(() => {
    const instance = echarts.init(element.current!, undefined, { renderer: 'canvas' });
    chart.current = instance;
    const observer = new ResizeObserver(() => instance.resize());
    observer.observe(element.current!);
    return () => {
      observer.disconnect();
      instance.dispose();
      chart.current = null;
    };
  }, []);
  useEffect(() => {
    chart.current?.setOption({ animation: false, textStyle: { fontFamily: 'inherit' }, color: [...COLOURS.series], ...option }, { notMerge: true });
  }, [option]);
  return <div className="chart" ref={element} style={{ height }} role="img" aria-label={label} />;
}
