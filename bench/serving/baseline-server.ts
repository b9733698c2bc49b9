// The baseline a developer would write by hand: node:http + onnxruntime-node, one session.run per request, V2 tensors
// in and out, no validation, no logging, no batching. BENCH_MODEL picks the model. Prints its URL on stdout.
import http from 'node:http';
import ort from 'onnxruntime-node';
import { BENCH_MODELS } from './bench-models.js';

// By hand, a developer takes onnxruntime's defaults (a thread pool as wide as the machine); BENCH_BASELINE_THREADS=1
// gives the tuned variant, one thread per run.
const model = BENCH_MODELS[(process.env.BENCH_MODEL ?? 'trees') as keyof typeof BENCH_MODELS];
const threads = process.env.BENCH_BASELINE_THREADS;
const session = await ort.InferenceSession.create(model.onnx(), threads ? { intraOpNumThreads: Number(threads), interOpNumThreads: 1 } : {});
const server = http.createServer((request, response) => {
  const chunks: Buffer[] = [];
  request.on('data', (chunk: Buffer) => chunks.push(chunk));
  request.on('end', async () => {
    const input = (JSON.parse(Buffer.concat(chunks).toString()) as { inputs: { shape: number[]; data: number[] }[] }).inputs[0]!;
    const result = await session.run({ input: new ort.Tensor('float32', Float32Array.from(input.data), input.shape) });
    const [name, tensor] = Object.entries(result)[0]!;
    response.setHeader('content-type', 'application/json');
    response.end(JSON.stringify({ model_name: model.name, outputs: [{ name, datatype: 'FP32', shape: tensor.dims, data: Array.from(tensor.data as Float32Array) }] }));
  });
});
server.listen(0, '127.0.0.1', () => {
  const address = server.address() as { port: number };
  process.stdout.write(`http://127.0.0.1:${address.port}\n`);
});
