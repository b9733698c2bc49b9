// npm run bench:drift — drift statistics for 25 features over 1,000,000 current rows against a 100,000-row reference:
// binnings from the reference, hourly sketches of the current rows merged into one, then every statistic of every
// feature. Data generation is not timed. Prints the time, rows/s and peak memory beside the scipy baseline.
import { addValues, binningOf, createCategoricalBinning, createNumericBinning, driftReport, mergeSketches, newSketch, type FeatureSketch } from '../../src/monitoring/drift/index.js';
import { CATEGORICAL_FEATURES, DRIFTS, NUMERIC_FEATURES, syntheticBatch } from './synthetic-features.js';

const REFERENCE_ROWS = 100_000;
const CURRENT_ROWS = Number(process.env.BENCH_ROWS ?? 1_000_000);
const WINDOW_ROWS = 100_000;
// The peer figure for this machine, as given with the task (not re-measured here): scipy computing KS, Wasserstein,
// JS and PSI per feature over the raw 1M current rows × 25 features.
const SCIPY_SECONDS = 23;

const names = [...Array.from({ length: NUMERIC_FEATURES }, (_, f) => `num${f}`), ...Array.from({ length: CATEGORICAL_FEATURES }, (_, f) => `cat${f}`)];
let timed = 0;
function time<T>(work: () => T): T {
  const start = performance.now();
  const result = work();
  timed += performance.now() - start;
  return result;
}

const referenceBatch = syntheticBatch(REFERENCE_ROWS, 1, false);
const reference = time(() => {
  const sketches: Record<string, FeatureSketch> = {};
  referenceBatch.numeric.forEach((values, f) => (sketches[`num${f}`] = addValues(newSketch(createNumericBinning(values)), values)));
  referenceBatch.categorical.forEach((values, f) => (sketches[`cat${f}`] = addValues(newSketch(createCategoricalBinning(values)), values)));
  return sketches;
});
const referenceMs = timed;

let current: Record<string, FeatureSketch> | null = null;
for (let window = 0; window * WINDOW_ROWS < CURRENT_ROWS; window++) {
  const batch = syntheticBatch(Math.min(WINDOW_ROWS, CURRENT_ROWS - window * WINDOW_ROWS), 100 + window, true);
  current = time(() => {
    // An hour's window: each feature's sketch starts from its reference's binning, then merges into the day so far.
    const hour: Record<string, FeatureSketch> = {};
    batch.numeric.forEach((values, f) => (hour[`num${f}`] = addValues(newSketch(binningOf(reference[`num${f}`]!)), values)));
    batch.categorical.forEach((values, f) => (hour[`cat${f}`] = addValues(newSketch(binningOf(reference[`cat${f}`]!)), values)));
    return current === null ? hour : Object.fromEntries(names.map((name) => [name, mergeSketches(current![name]!, hour[name]!)]));
  });
}
const sketchMs = timed - referenceMs;
const report = time(() => driftReport(reference, current!));
const statisticsMs = timed - referenceMs - sketchMs;
const peakMb = process.resourceUsage().maxRSS / 1024;

console.log(`Drift benchmark: ${REFERENCE_ROWS.toLocaleString('en')} reference rows, ${CURRENT_ROWS.toLocaleString('en')} current rows in windows of ${WINDOW_ROWS.toLocaleString('en')}, ${NUMERIC_FEATURES} numeric + ${CATEGORICAL_FEATURES} categorical features, one core`);
console.log('');
const rows: string[][] = [
  ['peer: scipy per feature (KS, Wasserstein, JS, PSI), figure given', `${SCIPY_SECONDS.toFixed(2)} s`, `${Math.round(CURRENT_ROWS / SCIPY_SECONDS).toLocaleString('en')}`, '-'],
  ['pitstop: reference binnings + sketches', `${(referenceMs / 1000).toFixed(3)} s`, '', ''],
  ['pitstop: current window sketches + merges', `${(sketchMs / 1000).toFixed(3)} s`, `${Math.round(CURRENT_ROWS / (sketchMs / 1000)).toLocaleString('en')}`, ''],
  ['pitstop: every statistic of every feature', `${(statisticsMs / 1000).toFixed(3)} s`, '', ''],
  ['pitstop: total (target < 2 s, < 500 MB)', `${(timed / 1000).toFixed(3)} s`, `${Math.round(CURRENT_ROWS / (timed / 1000)).toLocaleString('en')}`, `${peakMb.toFixed(0)} MB`],
];
const header = ['run', 'time', 'current rows/s', 'peak RSS'];
const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
const line = (cells: string[]) => `| ${cells.map((c, i) => c.padEnd(widths[i]!)).join(' | ')} |`;
console.log(line(header));
console.log(`|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`);
for (const row of rows) console.log(line(row));
console.log(`\nspeed-up over scipy: ${(SCIPY_SECONDS / (timed / 1000)).toFixed(1)}x`);
console.log('');
console.log('| feature | injected drift | method | statistic | threshold | drifted |');
console.log('|---------|----------------|--------|-----------|-----------|---------|');
for (const feature of report.features) {
  console.log(`| ${feature.feature} | ${DRIFTS[feature.feature] ?? '-'} | ${feature.method} | ${feature.statistic.toFixed(4)} | ${feature.threshold} | ${feature.drifted ? 'yes' : 'no'} |`);
}
console.log(`\ndataset drift: ${report.driftedFeatures} of ${report.measuredFeatures} features (${report.datasetDrifted ? 'drifted' : 'not drifted'} at share ≥ ${report.datasetDriftShare})`);
