// The baseline a developer would write by hand: node:http + onnxruntime-node, one session.run per request,
// no validation, no logging, no batching. Prints its URL on stdout.
import http from 'node:http';
import ort from 'onnxruntime-node';
import { benchModelOnnx, FEATURES } from './tree-ensemble-model.js';

// By hand, a developer takes onnxruntime's defaults (a thread pool as wide as the machine); BENCH_BASELINE_THREADS=1
// gives the tuned variant, one thread per run, as Pitstop uses.
const threads = process.env.BENCH_BASELINE_THREADS;
const session = await ort.InferenceSession.create(benchModelOnnx(), threads ? { intraOpNumThreads: Number(threads), interOpNumThreads: 1 } : {});
const server = http.createServer((request, response) => {
  const chunks: Buffer[] = [];
  request.on('data', (chunk: Buffer) => chunks.push(chunk));
  request.on('end', async () => {
    const { records } = JSON.parse(Buffer.concat(chunks).toString()) as { records: Record<string, number>[] };
    const data = new Float32Array(records.length * FEATURES);
    records.forEach((record, r) => {
      for (let f = 0; f < FEATURES; f++) data[r * FEATURES + f] = record[`f${f}`]!;
    });
    const result = await session.run({ input: new ort.Tensor('float32', data, [records.length, FEATURES]) });
    response.setHeader('content-type', 'application/json');
    response.end(JSON.stringify({ predictions: Array.from(result.variable!.data as Float32Array, (value) => ({ value })) }));
  });
});
server.listen(0, '127.0.0.1', () => {
  const address = server.address() as { port: number };
  process.stdout.write(`http://127.0.0.1:${address.port}\n`);
});
