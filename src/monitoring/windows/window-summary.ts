// What one time window of a model version's predictions leaves behind: mergeable sketches of every input feature and
// of the output, latencies, and the model's confidence (for estimating performance before labels arrive). The raw
// prediction log can be expired without losing the drift history; an hour merges into a day without rescanning rows.
import { datetimeEpochSeconds, type Feature, type Manifest } from '../../manifest/index.js';
import type { ReferenceProfile } from '../../profile/index.js';
import type { PredictionRecord } from '../../store/index.js';
import { addValues, binningOf, createCategoricalBinning, createNumericBinning, mergeSketches, newSketch, referenceSketches, type FeatureBinning, type FeatureSketch } from '../drift/index.js';
import { addLatency, mergeLatency, newLatencyHistogram, type LatencyHistogram } from './latency-histogram.js';

/** Probability bins of the positive class (binary) for confidence-based AUC estimates. */
export const CONFIDENCE_BINS = 100;

export interface ConfidenceSummary {
  /** Sum over predictions of the top class's probability: its mean is the expected accuracy of a calibrated model. */
  sumTopProbability: number;
  count: number;
  /** Binary only: counts of the positive class's probability in CONFIDENCE_BINS equal bins. */
  positiveBins: number[] | null;
}

export interface WindowSummary {
  readonly format: 'pitstop.window-summary';
  readonly rows: number;
  readonly features: Record<string, FeatureSketch>;
  /** The output as a distribution: the label (classification), the value (regression), the top item (ranking). */
  readonly prediction: FeatureSketch | null;
  readonly latency: LatencyHistogram;
  readonly confidence: ConfidenceSummary | null;
}

/** How a version's windows are sketched: fixed per version so its windows merge and compare. */
export interface SummaryPlan {
  readonly features: readonly { name: string; type: Feature['type']; binning: FeatureBinning }[];
  /** Null until a first window fixes it (the output has no reference profile). */
  readonly prediction: { kind: 'label' | 'value' | 'item'; binning: FeatureBinning | null };
  readonly classes: readonly string[] | null;
}

/** The plan for a version: feature binnings from its package's reference profile (features it lacks are not sketched). */
export function summaryPlan(manifest: Manifest, profile: ReferenceProfile | null, predictionBinning: FeatureBinning | null = null): SummaryPlan {
  const references = profile ? referenceSketches(profile) : {};
  const features = manifest.features.flatMap((f) => (references[f.name] ? [{ name: f.name, type: f.type, binning: binningOf(references[f.name]!) }] : []));
  const classes = manifest.outputs.find((o) => o.role === 'probabilities')?.classes?.map(String) ?? null;
  const kind = manifest.task === 'classification' ? 'label' : manifest.task === 'ranking' ? 'item' : 'value';
  const labelBinning = kind === 'label' && classes ? createCategoricalBinning(classes) : null;
  return { features, prediction: { kind, binning: predictionBinning ?? labelBinning }, classes };
}

export function summarizePredictions(predictions: readonly PredictionRecord[], plan: SummaryPlan): WindowSummary {
  const features: Record<string, FeatureSketch> = {};
  for (const feature of plan.features) {
    const sketch = newSketch(feature.binning);
    features[feature.name] = sketch.kind === 'numeric'
      ? addValues(sketch, Float64Array.from(predictions, (p) => numericValue(feature.type, p.input[feature.name])))
      : addValues(sketch, predictions.map((p) => textValue(p.input[feature.name])));
  }
  const latency = newLatencyHistogram();
  for (const p of predictions) addLatency(latency, p.latencyMs);
  return { format: 'pitstop.window-summary', rows: predictions.length, features, prediction: predictionSketch(predictions, plan), latency, confidence: confidence(predictions, plan) };
}

export function mergeWindowSummaries(a: WindowSummary, b: WindowSummary): WindowSummary {
  const features: Record<string, FeatureSketch> = { ...a.features };
  for (const [name, sketch] of Object.entries(b.features)) features[name] = features[name] ? mergeSketches(features[name]!, sketch) : sketch;
  const prediction = a.prediction && b.prediction ? mergeSketches(a.prediction, b.prediction) : (a.prediction ?? b.prediction);
  const confidence = a.confidence && b.confidence
    ? {
        sumTopProbability: a.confidence.sumTopProbability + b.confidence.sumTopProbability, count: a.confidence.count + b.confidence.count,
        positiveBins: a.confidence.positiveBins && b.confidence.positiveBins ? a.confidence.positiveBins.map((n, i) => n + b.confidence!.positiveBins![i]!) : null,
      }
    : (a.confidence ?? b.confidence);
  return { format: 'pitstop.window-summary', rows: a.rows + b.rows, features, prediction, latency: mergeLatency(a.latency, b.latency), confidence };
}

function predictionSketch(predictions: readonly PredictionRecord[], plan: SummaryPlan): FeatureSketch | null {
  if (predictions.length === 0) return null;
  if (plan.prediction.kind === 'value') {
    const values = Float64Array.from(predictions, (p) => Number((p.output as { value?: unknown } | null)?.value ?? Number.NaN));
    // The output has no reference profile: a version's first window fixes its binning and is its prediction baseline.
    return addValues(newSketch(plan.prediction.binning?.kind === 'numeric' ? plan.prediction.binning : createNumericBinning(values)), values);
  }
  const texts = predictions.map((p) => outputText(p.output, plan.prediction.kind));
  return addValues(newSketch(plan.prediction.binning?.kind === 'categorical' ? plan.prediction.binning : createCategoricalBinning(texts)), texts);
}

function confidence(predictions: readonly PredictionRecord[], plan: SummaryPlan): ConfidenceSummary | null {
  if (!plan.classes || plan.classes.length < 2) return null;
  const positive = plan.classes.length === 2 ? plan.classes[1]! : null;
  const summary: ConfidenceSummary = { sumTopProbability: 0, count: 0, positiveBins: positive ? new Array<number>(CONFIDENCE_BINS).fill(0) : null };
  for (const p of predictions) {
    const probabilities = (p.output as { probabilities?: Record<string, number> } | null)?.probabilities;
    if (!probabilities) continue;
    const values = Object.values(probabilities);
    if (values.length === 0) continue;
    summary.sumTopProbability += Math.max(...values);
    summary.count += 1;
    if (positive && summary.positiveBins) {
      const probability = probabilities[positive] ?? 0;
      summary.positiveBins[Math.min(CONFIDENCE_BINS - 1, Math.max(0, Math.floor(probability * CONFIDENCE_BINS)))]! += 1;
    }
  }
  return summary;
}

function numericValue(type: Feature['type'], value: unknown): number {
  if (type === 'datetime') return datetimeEpochSeconds(value) ?? Number.NaN;
  if (typeof value === 'number') return value;
  if (typeof value === 'boolean') return value ? 1 : 0;
  return Number.NaN;
}

function textValue(value: unknown): string | null {
  return value === null || value === undefined || (typeof value === 'number' && Number.isNaN(value)) ? null : String(value);
}

function outputText(output: unknown, kind: 'label' | 'value' | 'item'): string | null {
  const o = output as { label?: unknown; outputs?: Record<string, unknown> } | null;
  if (kind === 'label') return o?.label === undefined || o.label === null ? null : String(o.label);
  const first = Object.values(o?.outputs ?? {}).find(Array.isArray) as unknown[] | undefined;
  return first?.[0] === undefined ? null : String(first[0]);
}
