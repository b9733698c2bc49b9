import { describe, expect, it } from 'vitest';
import { niceTicks, paddedDomain, svgChart } from './svg-chart.js';

describe('niceTicks', () => {
  it('puts ticks at round steps inside the domain', () => {
    expect(niceTicks([0, 1])).toEqual([0, 0.2, 0.4, 0.6, 0.8, 1]);
    expect(niceTicks([-7.3, 8.1])).toEqual([-6, -4, -2, 0, 2, 4, 6, 8]);
    expect(niceTicks([1, 20])).toEqual([5, 10, 15, 20]);
    expect(niceTicks([0, 0.003])).toEqual([0, 0.0005, 0.001, 0.0015, 0.002, 0.0025, 0.003]);
  });
});

describe('paddedDomain', () => {
  it('widens the range of finite values by a share on each side, and falls back to [0, 1]', () => {
    expect(paddedDomain([0, 10, Number.NaN])).toEqual([-0.5, 10.5]);
    expect(paddedDomain([])).toEqual([0, 1]);
  });
});

describe('svgChart', () => {
  const chart = svgChart({
    title: 'A <b>title</b>',
    xLabel: 'x & y',
    yLabel: 'count',
    x: [0, 20_000],
    y: [5, 5],
    series: [{ label: 'v1 "best"', color: '#0072B2', style: 'line-and-points', points: [[0, 5], [20_000, 5]] }],
    guides: [{ from: [0, 5], to: [20_000, 5], label: 'flat' }],
    note: 'read <this>',
  });

  it('escapes every label and keeps the colour it was given', () => {
    expect(chart).toContain('<figcaption>A &lt;b&gt;title&lt;/b&gt;</figcaption>');
    expect(chart).toContain('x &amp; y');
    expect(chart).toContain('v1 &quot;best&quot;');
    expect(chart).toContain('read &lt;this&gt;');
    expect(chart).toContain('stroke="#0072B2"');
  });

  it('labels ticks with thousands separators and proper minus signs, and gives a flat series some room', () => {
    expect(chart).toContain('>20,000</text>');
    expect(chart).toMatch(/>4\.\d<\/text>/);
    expect(svgChart({ title: 't', xLabel: 'x', yLabel: 'y', x: [-10, 10], y: [0, 1], series: [] })).toContain('>\u221210</text>');
  });

  it('draws the series as a line with markers and the guide as a dashed line, inside one <svg>', () => {
    expect(chart.match(/<svg/g)).toHaveLength(1);
    expect(chart.match(/<polyline/g)).toHaveLength(1);
    expect(chart.match(/<circle/g)).toHaveLength(2);
    expect(chart).toContain('<line class="guide"');
  });
});
