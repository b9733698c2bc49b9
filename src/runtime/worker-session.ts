// An onnxruntime session in its own worker thread. onnxruntime-node runs a model synchronously on the calling thread,
// so a server scoring on its event loop cannot read, validate or answer requests while a batch computes; here the
// event loop only hands typed arrays over and gets the outputs back. Same library, same options (one intra-op thread),
// so a run gives the same numbers as in-process: replay stays bit for bit.
import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';
import type ort from 'onnxruntime-node';
import { PitstopError } from '../errors/index.js';

/** What a run returns, whether from an in-process session or a worker: enough to decode predictions. */
export interface OutputTensor {
  readonly type: string;
  readonly dims: readonly number[];
  readonly data: ArrayLike<unknown>;
}

export interface RunnableSession {
  run(feeds: Record<string, ort.Tensor>, outputNames: readonly string[]): Promise<Record<string, OutputTensor>>;
  release(): Promise<void>;
}

// CommonJS run by `eval`, so the worker needs no file of its own beside the compiled code or the CLI bundle.
const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const ort = require(workerData.onnxRuntimePath);
let session = null;
const reply = (message) => parentPort.postMessage(message);
parentPort.on('message', async (message) => {
  try {
    if (message.type === 'load') {
      session = await ort.InferenceSession.create(message.bytes, message.options);
      return reply({ id: message.id, ok: true });
    }
    if (message.type === 'release') {
      if (session) await session.release();
      session = null;
      return reply({ id: message.id, ok: true });
    }
    const feeds = {};
    for (const name of Object.keys(message.feeds)) {
      const t = message.feeds[name];
      feeds[name] = new ort.Tensor(t.type, t.data, t.dims);
    }
    const results = await session.run(feeds, message.names);
    const outputs = {};
    for (const name of Object.keys(results)) {
      const t = results[name];
      outputs[name] = { type: t.type, dims: t.dims, data: t.data };
    }
    reply({ id: message.id, ok: true, outputs });
  } catch (error) {
    reply({ id: message.id, ok: false, message: String(error && error.message || error) });
  }
});
`;

interface Reply { id: number; ok: boolean; message?: string; outputs?: Record<string, OutputTensor> }

export class WorkerSession implements RunnableSession {
  private nextId = 0;
  private readonly pending = new Map<number, { resolve: (reply: Reply) => void; reject: (error: Error) => void }>();

  private constructor(private readonly worker: Worker) {
    worker.on('message', (reply: Reply) => {
      const waiter = this.pending.get(reply.id);
      this.pending.delete(reply.id);
      waiter?.resolve(reply);
    });
    worker.on('error', (error: Error) => this.failAll(error));
    worker.on('exit', (code) => this.failAll(new Error(`the model's worker thread exited with code ${code}`)));
  }

  static async load(modelBytes: Uint8Array, options: ort.InferenceSession.SessionOptions): Promise<WorkerSession> {
    const onnxRuntimePath = createRequire(import.meta.url).resolve('onnxruntime-node');
    const session = new WorkerSession(new Worker(WORKER_SOURCE, { eval: true, workerData: { onnxRuntimePath } }));
    try {
      await session.call({ type: 'load', bytes: modelBytes, options });
    } catch (error) {
      await session.worker.terminate();
      throw error;
    }
    return session;
  }

  async run(feeds: Record<string, ort.Tensor>, outputNames: readonly string[]): Promise<Record<string, OutputTensor>> {
    const plain: Record<string, { type: string; data: unknown; dims: readonly number[] }> = {};
    const transfer: ArrayBuffer[] = [];
    for (const [name, tensor] of Object.entries(feeds)) {
      plain[name] = { type: tensor.type, data: tensor.data, dims: tensor.dims };
      // The feeds were built for this run alone: hand their memory over instead of copying it.
      if (ArrayBuffer.isView(tensor.data) && tensor.data.buffer instanceof ArrayBuffer) transfer.push(tensor.data.buffer);
    }
    return (await this.call({ type: 'run', feeds: plain, names: outputNames }, transfer)).outputs!;
  }

  async release(): Promise<void> {
    try {
      await this.call({ type: 'release' });
    } finally {
      await this.worker.terminate();
    }
  }

  private call(message: Record<string, unknown>, transfer: ArrayBuffer[] = []): Promise<Reply> {
    const id = ++this.nextId;
    return new Promise<Reply>((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      this.worker.postMessage({ ...message, id }, transfer);
    }).then((reply) => {
      if (!reply.ok) throw new Error(reply.message);
      return reply;
    });
  }

  private failAll(error: Error): void {
    for (const waiter of this.pending.values()) waiter.reject(new PitstopError('INTERNAL', `onnxruntime's worker thread failed: ${error.message}`, { cause: error }));
    this.pending.clear();
  }
}
