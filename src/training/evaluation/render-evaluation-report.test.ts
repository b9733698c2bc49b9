import { describe, expect, it } from 'vitest';
import {
  METRIC_NAMES,
  classificationMetrics,
  classificationRowMetric,
  pairedBootstrap,
  rankingCurve,
  rankingMetrics,
  regressionMetrics,
  type ClassificationInput,
} from '../../metrics/index.js';
import { SeededRandom } from '../../metrics/seeded-random.js';
import { evaluateGates } from './evaluate-gates.js';
import { classificationVersion, metricComparison, rankingVersion, regressionVersion } from './evaluated-version.js';
import type { EvaluationReport } from './evaluation-report.js';
import { parseGate } from './parse-gate.js';
import { renderEvaluationReport } from './render-evaluation-report.js';
import { unbalancedTags } from '../../../test/fixtures/html-checks.js';

const CLASSES = ['stays', 'churns <fast>'];

/** Binary predictions whose quality grows with `signal`. */
function binaryPredictions(actual: Int32Array, signal: number, seed: number): Float64Array {
  const random = new SeededRandom(seed);
  const probabilities = new Float64Array(actual.length * 2);
  for (let row = 0; row < actual.length; row++) {
    const p = Math.min(1, Math.max(0, signal * actual[row]! + (1 - signal) * random.next()));
    probabilities.set([1 - p, p], 2 * row);
  }
  return probabilities;
}

function classificationReport(overrides: Partial<EvaluationReport> = {}): EvaluationReport {
  const random = new SeededRandom(1);
  const actual = Int32Array.from({ length: 2000 }, () => (random.next() < 0.35 ? 1 : 0));
  const champion: ClassificationInput = { actual, probabilities: binaryPredictions(actual, 0.2, 2), classes: CLASSES };
  const challenger: ClassificationInput = { actual, probabilities: binaryPredictions(actual, 0.4, 3), classes: CLASSES };
  const a = classificationMetrics(champion);
  const b = classificationMetrics(challenger);
  const bootstrap = { iterations: 200, confidence: 0.95, seed: 1 };
  const values = (m: typeof a) => Object.fromEntries(Object.entries(m.values).map(([name, outcome]) => [name, outcome.value]));
  return {
    model: 'churn <script>alert(1)</script> & co',
    task: 'classification',
    generatedAt: '2025-01-31T12:00:00Z',
    dataset: { source: 'holdout "final".csv', rows: 2000, fingerprint: 'sha256:0f3c9a', classes: CLASSES },
    bootstrap,
    versions: [classificationVersion(3, a, { role: 'champion' }), classificationVersion(4, b, { role: 'challenger' })],
    comparisons: METRIC_NAMES.classification.map((metric) =>
      metricComparison(metric, 3, 4, pairedBootstrap(classificationRowMetric(metric, actual, CLASSES), 2000, champion.probabilities, challenger.probabilities, bootstrap)),
    ),
    gates: {
      champion: 3,
      challenger: 4,
      results: evaluateGates(
        ['auc>=champion+0.005', 'accuracy>=0.99'].map((text) => parseGate(text)),
        { champion: values(a), challenger: values(b) },
      ),
    },
    ...overrides,
  };
}

function regressionReport(points: number): EvaluationReport {
  const random = new SeededRandom(4);
  const actual = Float64Array.from({ length: points }, () => random.next() * 100);
  const near = actual.map((y) => y + random.next() * 4 - 2);
  const far = actual.map((y) => y + random.next() * 20 - 10);
  return {
    model: 'prices',
    task: 'regression',
    dataset: { source: 'holdout.parquet', rows: points, fingerprint: 'sha256:77' },
    versions: [
      regressionVersion(1, regressionMetrics({ actual, predicted: far }), { actual, predicted: far }, { role: 'champion' }),
      regressionVersion(2, regressionMetrics({ actual, predicted: near }), { actual, predicted: near }),
    ],
    comparisons: [],
  };
}

function rankingReport(): EvaluationReport {
  const cases = [
    { ranked: ['a', 'b', 'c', 'd'], relevant: new Set(['a', 'd']) },
    { ranked: ['x', 'y', 'z', 'w'], relevant: new Set(['y']) },
  ];
  return {
    model: 'recs',
    task: 'ranking',
    dataset: { source: 'clicks.csv', rows: 2, fingerprint: 'sha256:aa', k: 3 },
    versions: [rankingVersion(5, rankingMetrics(cases, 3), rankingCurve(cases, [1, 2, 3, 4]))],
    comparisons: [],
  };
}

const svgCount = (html: string) => html.match(/<svg\b/g)?.length ?? 0;

describe('renderEvaluationReport', () => {
  const html = renderEvaluationReport(classificationReport());

  it('is one well-formed page with no scripts and no external URLs', () => {
    expect(html.startsWith('<!doctype html>')).toBe(true);
    expect(unbalancedTags(html)).toEqual([]);
    expect(html).not.toMatch(/<script/i);
    expect(html).not.toMatch(/https?:\/\//);
    expect(html).not.toMatch(/\ssrc=|<link\b|@import|url\(/);
  });

  it('escapes every string from the report', () => {
    expect(html).toContain('<h1>churn &lt;script&gt;alert(1)&lt;/script&gt; &amp; co</h1>');
    expect(html).toContain('holdout &quot;final&quot;.csv');
    expect(html).toContain('churns &lt;fast&gt;');
    expect(html).not.toContain('<fast>');
  });

  it('heads the page with the model, the versions and the data', () => {
    expect(html).toContain('v3 (champion)');
    expect(html).toContain('v4 (challenger)');
    expect(html).toContain('<dd>2,000</dd>');
    expect(html).toContain('sha256:0f3c9a');
    expect(html).toContain('200 resamples · 95% · seed 1');
  });

  it('draws a ROC curve and a reliability diagram, a line per version and the diagonal in each', () => {
    expect(svgCount(html)).toBe(2);
    expect(html).toContain('ROC curve');
    expect(html).toContain('Calibration (reliability diagram)');
    expect(html.match(/<polyline/g)).toHaveLength(4);
    expect(html.match(/<line class="guide"/g)).toHaveLength(2);
  });

  it('tabulates every metric with the best value starred and the difference with its interval', () => {
    const aucRow = html.split('<tr>').find((row) => row.includes('<code>auc</code>'))!;
    expect(aucRow.match(/<td class="value( best)?"/g)).toEqual(['<td class="value"', '<td class="value best"']);
    expect(aucRow).toMatch(/<td class="delta better"[^>]*>\+0\.\d{4}<span class="interval">\[\+0\.\d{4}, \+0\.\d{4}\]<\/span><span class="p">p &lt; 0\.001<\/span>/);
    for (const metric of METRIC_NAMES.classification) expect(html).toContain(`<code>${metric}</code>`);
  });

  it('shows each gate passed or failed with its explanation, under a verdict', () => {
    expect(html).toContain('<section class="verdict fail">');
    expect(html).toContain('1 of 2 gates failed: accuracy');
    expect(html).toMatch(/<span class="badge pass">PASS<\/span><span class="gate-rule">auc &gt;= champion \+ 0\.005<\/span><span class="gate-why">auc 0\.\d+ &gt;= champion 0\.\d+ \+ 0\.005 = 0\.\d+: passed<\/span>/);
    expect(html).toContain('<span class="badge fail">FAIL</span>');
  });

  it('says when every gate passed, and leaves the gates out when there are none', () => {
    const report = classificationReport();
    const passing = { ...report.gates!, results: report.gates!.results.filter((r) => r.passed) };
    expect(renderEvaluationReport({ ...report, gates: passing })).toContain('<section class="verdict pass"><span class="icon">✓</span><div>The gate passed');
    const ungated = renderEvaluationReport({ ...report, gates: undefined });
    expect(ungated).not.toContain('<section class="verdict');
    expect(ungated).not.toContain('<h2>Gates');
  });

  it('shows confusion matrices with escaped class names', () => {
    expect(html).toContain('<h2>Confusion matrices</h2>');
    expect(html).toContain('<th scope="row">churns &lt;fast&gt;</th>');
  });

  it('shows a metric without a value as n/a with the reason, and leaves out a ROC curve no version has', () => {
    const report = classificationReport();
    const versions = report.versions.map((v) => ({
      ...v,
      metrics: { ...v.metrics, auc: { value: null, rows: 2000, reason: 'only one class ("stays") is present' } },
      curves: v.curves?.kind === 'classification' ? { ...v.curves, roc: [] } : v.curves,
    }));
    const page = renderEvaluationReport({ ...report, versions, comparisons: [] });
    expect(page).toContain('n/a<span class="why">only one class (&quot;stays&quot;) is present</span>');
    expect(svgCount(page)).toBe(1);
    expect(unbalancedTags(page)).toEqual([]);
  });

  it('renders the same page from the report after a trip through JSON', () => {
    const report = classificationReport();
    expect(renderEvaluationReport(JSON.parse(JSON.stringify(report)) as EvaluationReport)).toBe(renderEvaluationReport(report));
  });

  it('draws a micro-averaged ROC curve and a top-class reliability diagram for several classes', () => {
    const input = {
      actual: Int32Array.from([0, 1, 2, 0, 1, 2]),
      probabilities: Float64Array.from([0.7, 0.2, 0.1, 0.2, 0.6, 0.2, 0.1, 0.3, 0.6, 0.3, 0.4, 0.3, 0.5, 0.3, 0.2, 0.2, 0.2, 0.6]),
      classes: ['cat', 'dog', 'pig'],
    };
    const report: EvaluationReport = {
      model: 'animals',
      task: 'classification',
      dataset: { source: 'zoo.csv', rows: 6, fingerprint: 'sha256:11', classes: input.classes },
      versions: [classificationVersion(1, classificationMetrics(input))],
      comparisons: [],
    };
    const page = renderEvaluationReport(report);
    expect(svgCount(page)).toBe(2);
    expect(page).toContain('ROC curve (one-vs-rest, micro-averaged)');
    expect(page).toContain('Predicted probability of the top class');
    expect(page).toContain('<th scope="row">pig</th>');
    expect(unbalancedTags(page)).toEqual([]);
  });

  it('plots residuals against predictions and predictions against actuals for regression, at most 2000 points per version', () => {
    const page = renderEvaluationReport(regressionReport(5000));
    expect(svgCount(page)).toBe(2);
    expect(page).toContain('Residuals against predictions');
    expect(page).toContain('Predicted against actual');
    for (const cloud of page.match(/<g class="scatter"[^>]*>.*?<\/g>/g)!) expect(cloud.match(/<circle/g)!.length).toBeLessThanOrEqual(2000);
    expect(page.match(/<circle/g)).toHaveLength(2 * 2 * 2000);
    expect(unbalancedTags(page)).toEqual([]);
    expect(page).toContain('<code>rmse</code>');
  });

  it('thins a scatter it is handed with too many points', () => {
    const report = regressionReport(100);
    const many = Array.from({ length: 5000 }, (_, i) => i);
    const page = renderEvaluationReport({ ...report, versions: [{ ...report.versions[0]!, curves: { kind: 'regression', predicted: many, actual: many } }] });
    expect(page.match(/<circle/g)).toHaveLength(2 * 2000);
  });

  it('plots precision, recall and NDCG against k for ranking, naming k in the table', () => {
    const page = renderEvaluationReport(rankingReport());
    expect(svgCount(page)).toBe(3);
    expect(page).toContain('NDCG@3');
    expect(page).toContain('Precision@k against k');
    expect(unbalancedTags(page)).toEqual([]);
  });
});
