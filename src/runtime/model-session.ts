// A loaded ONNX model ready to score records: it owns the onnxruntime session and respects the model's batch limit.
import type ort from 'onnxruntime-node';
import { PitstopError } from '../errors/index.js';
import type { Manifest } from '../manifest/index.js';
import { decodeOutputs, type Prediction } from './decode-outputs.js';
import { onnxRuntime } from './onnx-runtime.js';
import { recordsToFeeds, type FeatureRecord } from './records-to-feeds.js';
import { WorkerSession, type RunnableSession } from './worker-session.js';

export interface SessionOptions {
  /** Threads onnxruntime may use inside one run; 1 keeps runs predictable under concurrent requests. */
  readonly intraOpThreads?: number;
  /** Runs the model in its own worker thread, leaving the caller's event loop free while it computes (servers). */
  readonly workerThread?: boolean;
  /** Runs expected to take less (µs) stay on the caller's thread: the hand-over to a worker and back costs more. */
  readonly offThreadMinMicros?: number;
}

/** Output name → values per row, as observed on a real run. */
export type OutputWidths = ReadonlyMap<string, number>;

const OFF_THREAD_MIN_MICROS = 200;

export interface PredictOptions {
  /** Other requests wait on the caller's event loop, so a long run should not hold it (with a worker thread). */
  readonly othersWaiting?: boolean;
}

export class ModelSession {
  /** Microseconds per record of recent runs, a moving average: what a run of n records is expected to take. */
  private microsPerRecord = 0;

  private constructor(
    private readonly inline: RunnableSession,
    private readonly worker: RunnableSession | null,
    readonly manifest: Manifest,
    private readonly offThreadMinMicros = OFF_THREAD_MIN_MICROS,
  ) {}

  static async load(modelBytes: Uint8Array, manifest: Manifest, options: SessionOptions = {}): Promise<ModelSession> {
    const inline = await createInferenceSession(modelBytes, options);
    if (!options.workerThread) return new ModelSession(inline, null, manifest);
    try {
      return new ModelSession(inline, await WorkerSession.load(modelBytes, ortSessionOptions(options)), manifest, options.offThreadMinMicros);
    } catch (error) {
      await inline.release();
      throw new PitstopError('ONNX_INVALID', `onnxruntime cannot load the model: ${firstLine((error as Error).message)}`, { cause: error });
    }
  }

  /**
   * Scores records, splitting them into runs no larger than the model accepts. With a worker thread, a run that would
   * hold the event loop long while others wait goes there; short runs and lone requests stay here (same numbers).
   */
  async predict(records: readonly FeatureRecord[], options: PredictOptions = {}): Promise<Prediction[]> {
    const offThread = this.worker !== null && options.othersWaiting === true && this.microsPerRecord * records.length >= this.offThreadMinMicros;
    return (await this.run(records, offThread ? this.worker! : this.inline)).predictions;
  }

  /**
   * Scores the smoke input and reports how many values per row each output really holds: a model may declare one
   * shape and return another, and V2 metadata must describe what callers will get.
   */
  async smokeTest(records: readonly FeatureRecord[]): Promise<OutputWidths> {
    const { widths } = await this.run(records, this.inline);
    if (this.worker) await this.run(records, this.worker);
    return widths;
  }

  private async run(records: readonly FeatureRecord[], session: RunnableSession): Promise<{ predictions: Prediction[]; widths: Map<string, number> }> {
    const limit = Math.max(this.manifest.maxBatchSize ?? records.length, 1);
    const names = this.manifest.outputs.map((o) => o.name);
    const predictions: Prediction[] = [];
    const widths = new Map<string, number>();
    const started = performance.now();
    for (let start = 0; start < records.length; start += limit) {
      const chunk = records.slice(start, start + limit);
      const results = await session.run(recordsToFeeds(this.manifest, chunk), names);
      predictions.push(...decodeOutputs(this.manifest, results, chunk.length));
      for (const name of names) {
        const tensor = results[name];
        if (tensor && chunk.length > 0) widths.set(name, (tensor.data as ArrayLike<unknown>).length / chunk.length);
      }
    }
    if (records.length > 0) {
      const micros = ((performance.now() - started) * 1000) / records.length;
      this.microsPerRecord = this.microsPerRecord === 0 ? micros : 0.9 * this.microsPerRecord + 0.1 * micros;
    }
    return { predictions, widths };
  }

  async release(): Promise<void> {
    await Promise.all([this.inline.release(), this.worker?.release()]);
  }
}

export async function createInferenceSession(modelBytes: Uint8Array, options: SessionOptions = {}): Promise<ort.InferenceSession> {
  try {
    return await onnxRuntime().InferenceSession.create(modelBytes, ortSessionOptions(options));
  } catch (error) {
    throw new PitstopError('ONNX_INVALID', `onnxruntime cannot load the model: ${firstLine((error as Error).message)}`, { cause: error });
  }
}

function ortSessionOptions(options: SessionOptions): ort.InferenceSession.SessionOptions {
  return { intraOpNumThreads: options.intraOpThreads ?? 1, interOpNumThreads: 1, logSeverityLevel: 3 };
}

function firstLine(text: string): string {
  return text.split('\n')[0]!.trim();
}
