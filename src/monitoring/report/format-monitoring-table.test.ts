import { describe, expect, it } from 'vitest';
import { formatMonitoringTable, safe } from './format-monitoring-table.js';
import type { MonitoringReport } from './monitoring-report.js';
import { HOSTILE_FEATURE, monitoringReportFixture } from './test-fixtures/monitoring-report-fixture.js';

const report = monitoringReportFixture();
const text = formatMonitoringTable(report);
const lines = text.split('\n');

/** The feature column of a version's drift table, in printed order. */
function featureColumn(version: string): string[] {
  const start = lines.findIndex((line) => line.startsWith(version));
  const header = lines.findIndex((line, i) => i > start && line.trim().startsWith('feature'));
  const rows: string[] = [];
  for (let i = header + 1; lines[i]?.startsWith('    '); i++) rows.push(lines[i]!.trim().split(/\s{2,}/)[0]!);
  return rows;
}

describe('formatMonitoringTable', () => {
  it('heads the text with the model and the window, then a block per version with its traffic', () => {
    expect(lines[0]).toBe('churn <script>alert("x")</script> & co · last 6h · 2025-01-31 00:00 UTC → 2025-01-31 06:00 UTC');
    expect(text).toContain('\nv3 (production): 12,000 predictions, 1,200 labelled\n');
    expect(text).toContain('\nv4 (canary): 2,400 predictions, 0 labelled\n');
  });

  it('lists drifted features first, then warnings and the rest, skipped ones last and the model output at the end', () => {
    expect(featureColumn('v3 (production)')).toEqual(['age', HOSTILE_FEATURE, 'plan', 'region', 'prediction (model output)']);
    expect(featureColumn('v4 (canary)')).toEqual(['plan', 'age', HOSTILE_FEATURE, 'region', 'prediction (model output)']);
  });

  it('prints method, statistic, threshold and verdict in aligned columns, drifted ones in capitals', () => {
    expect(text).toContain('  drift against package reference profile: DATASET DRIFTED, 2 of 3 features (66.7%)');
    expect(text).toContain('  drift against package reference profile: no dataset drift, 1 of 3 features (33.3%)');
    expect(text).toMatch(/\n {4}feature {2,}method {2,}statistic {2,}threshold {2,}verdict\n/);
    expect(text).toMatch(/\n {4}age {2,}wasserstein {2}0\.\d{4} {2,}≥ 0\.1000 {2,}DRIFTED\n/);
    expect(text).toMatch(/\n {4}region {2,}chi2 {2,}— {2,}— {2,}skipped \(no current values\)\n/);
    const header = lines.find((line) => line.trim().startsWith('feature'))!;
    const age = lines.find((line) => line.trim().startsWith('age'))!;
    expect(age.indexOf('wasserstein')).toBe(header.indexOf('method'));
  });

  it('sums up performance (measured or estimated, and where a changed metric started) and operations per version', () => {
    expect(text).toContain('  performance: accuracy 0.8500 [0.8200, 0.8800] on 200 labelled rows, from 0.9100 in the first window; estimated_accuracy 0.9000 on 2,000 rows, estimated without labels (latest values)');
    expect(text).toContain('  performance: estimated_accuracy 0.8800 on 400 rows, estimated without labels (latest values)');
    expect(text).toContain('  operational: 12,000 requests, 17 errors (0.1%); latest latency p50 16 ms, p95 55 ms, p99 90 ms');
  });

  it('ends with the alerts still firing or pending', () => {
    expect(lines.at(-2)).toBe('alerts: FIRING drift share <b>high</b> (critical); 4 state changes in the period');
  });

  it('says what is missing instead of printing empty tables', () => {
    const empty: MonitoringReport = { ...report, drift: [], timeline: [], alerts: [] };
    const out = formatMonitoringTable(empty);
    expect(out).toContain('  drift: not computed in this period');
    expect(out).toContain('  performance: none in this period (no labels and no estimate)');
    expect(out).toContain('  operational: no window in this period');
    expect(out).toContain('alerts: no state changes in this period');
    expect(formatMonitoringTable({ ...empty, versions: [] })).toContain('No version served predictions in this period.');
  });

  it('never lets a name drive the terminal: control characters and direction overrides are shown escaped', () => {
    expect(safe('a\u001b[2Jb\nc\u202Ed')).toBe('a\\u001b[2Jb\\u000ac\\u202ed');
    const [first] = report.drift;
    const sneaky = { ...first!, report: { ...first!.report, features: first!.report.features.map((f) => (f.feature === 'age' ? { ...f, feature: 'age\u001b[31m' } : f)) } };
    const out = formatMonitoringTable({ ...report, model: 'm\r\nx', drift: [sneaky] });
    expect(out).not.toMatch(/[\u0000-\u0009\u000b-\u001f]/);
    expect(out).toContain('age\\u001b[31m');
    expect(out.split('\n')[0]).toMatch(/^m\\u000d\\u000ax · /);
  });
});
