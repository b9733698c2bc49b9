// A loaded ONNX model ready to score records: it owns the onnxruntime session and respects the model's batch limit.
import type ort from 'onnxruntime-node';
import { PitstopError } from '../errors/index.js';
import type { Manifest } from '../manifest/index.js';
import { decodeOutputs, type Prediction } from './decode-outputs.js';
import { onnxRuntime } from './onnx-runtime.js';
import { recordsToFeeds, type FeatureRecord } from './records-to-feeds.js';

export interface SessionOptions {
  /** Threads onnxruntime may use inside one run; 1 keeps runs predictable under concurrent requests. */
  readonly intraOpThreads?: number;
}

/** Output name → values per row, as observed on a real run. */
export type OutputWidths = ReadonlyMap<string, number>;

export class ModelSession {
  private constructor(private readonly session: ort.InferenceSession, readonly manifest: Manifest) {}

  static async load(modelBytes: Uint8Array, manifest: Manifest, options: SessionOptions = {}): Promise<ModelSession> {
    return new ModelSession(await createInferenceSession(modelBytes, options), manifest);
  }

  /** Scores records, splitting them into runs no larger than the model accepts. */
  async predict(records: readonly FeatureRecord[]): Promise<Prediction[]> {
    return (await this.run(records)).predictions;
  }

  /**
   * Scores the smoke input and reports how many values per row each output really holds: a model may declare one
   * shape and return another, and V2 metadata must describe what callers will get.
   */
  async smokeTest(records: readonly FeatureRecord[]): Promise<OutputWidths> {
    return (await this.run(records)).widths;
  }

  private async run(records: readonly FeatureRecord[]): Promise<{ predictions: Prediction[]; widths: Map<string, number> }> {
    const limit = Math.max(this.manifest.maxBatchSize ?? records.length, 1);
    const names = this.manifest.outputs.map((o) => o.name);
    const predictions: Prediction[] = [];
    const widths = new Map<string, number>();
    for (let start = 0; start < records.length; start += limit) {
      const chunk = records.slice(start, start + limit);
      const results = await this.session.run(recordsToFeeds(this.manifest, chunk), names);
      predictions.push(...decodeOutputs(this.manifest, results, chunk.length));
      for (const name of names) {
        const tensor = results[name];
        if (tensor && chunk.length > 0) widths.set(name, (tensor.data as ArrayLike<unknown>).length / chunk.length);
      }
    }
    return { predictions, widths };
  }

  async release(): Promise<void> {
    await this.session.release();
  }
}

export async function createInferenceSession(modelBytes: Uint8Array, options: SessionOptions = {}): Promise<ort.InferenceSession> {
  try {
    return await onnxRuntime().InferenceSession.create(modelBytes, {
      intraOpNumThreads: options.intraOpThreads ?? 1,
      interOpNumThreads: 1,
      logSeverityLevel: 3,
    });
  } catch (error) {
    throw new PitstopError('ONNX_INVALID', `onnxruntime cannot load the model: ${firstLine((error as Error).message)}`, { cause: error });
  }
}

function firstLine(text: string): string {
  return text.split('\n')[0]!.trim();
}
