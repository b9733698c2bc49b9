// What each input feature contributed to a prediction, as a bar chart from the baseline to the output.
import { useMemo } from 'react';
import type { Explanation } from '../../api/types.js';
import { Chart, COLOURS, type ChartOption } from '../../components/chart.js';
import { formatNumber, formatValue } from '../../format.js';

export function ExplanationChart({ explanation }: { explanation: Explanation }) {
  const option = useMemo(() => explanationOption(explanation), [explanation]);
  return (
    <div>
      <p>
        {explanation.quantity}: <span className="strong">{formatNumber(explanation.output)}</span> for this record, against a baseline of {formatNumber(explanation.baseline)} when nothing is known about it.
        Bars show how much each feature moved it (method: {explanation.method}).
      </p>
      <Chart option={option} height={Math.max(160, 40 + 30 * explanation.contributions.length)} label="Contribution of each feature to the prediction" />
      {explanation.sentences.length > 0 && <ul className="sentences">{explanation.sentences.map((s) => <li key={s}>{s}</li>)}</ul>}
    </div>
  );
}

function explanationOption(explanation: Explanation): ChartOption {
  // Biggest effects on top.
  const rows = [...explanation.contributions].sort((a, b) => Math.abs(a.contribution) - Math.abs(b.contribution));
  return {
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' }, valueFormatter: (v: number) => formatNumber(v) },
    grid: { left: 140, right: 56, top: 16, bottom: 28 },
    xAxis: { type: 'value', name: 'contribution', nameLocation: 'middle', nameGap: 22 },
    yAxis: { type: 'category', data: rows.map((c) => `${c.feature} = ${formatValue(c.value)}`), axisLabel: { width: 130, overflow: 'truncate' } },
    series: [{
      type: 'bar', name: 'contribution',
      data: rows.map((c) => ({ value: c.contribution, itemStyle: { color: c.contribution >= 0 ? COLOURS.current : COLOURS.warn } })),
      label: { show: true, position: 'right', formatter: (p: { value: number }) => `${p.value >= 0 ? '+' : ''}${formatNumber(p.value)}` },
    }],
  };
}
