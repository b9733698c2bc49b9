// Calls Pitstop's Open Inference Protocol V2 over gRPC the way a KServe or Triton client does: a client generated
// from the protocol's .proto, the API key in the `authorization` metadata, the rows as raw little-endian float32 bytes.
//
//   node examples/grpc/infer.mjs MODEL '[[1,2,3],[4,5,6]]'
//
// Environment: PITSTOP_GRPC_ADDRESS (default 127.0.0.1:9090), PITSTOP_API_KEY (a predictor key), PITSTOP_INPUT (the
// model's input tensor name, default "input"; `pitstop show MODEL` lists it).
import path from 'node:path';
import * as grpc from '@grpc/grpc-js';
import * as protoLoader from '@grpc/proto-loader';

const [model, rowsJson] = process.argv.slice(2);
if (!model || !rowsJson) {
  console.error("usage: node examples/grpc/infer.mjs MODEL '[[x1, x2, ...], ...]'");
  process.exit(2);
}
const rows = JSON.parse(rowsJson);
const protoFile = path.resolve(import.meta.dirname, '../../proto/grpc_predict_v2.proto');
const { inference } = grpc.loadPackageDefinition(protoLoader.loadSync(protoFile, { keepCase: true, longs: Number, defaults: true }));
const client = new inference.GRPCInferenceService(process.env.PITSTOP_GRPC_ADDRESS ?? '127.0.0.1:9090', grpc.credentials.createInsecure());

const values = rows.flat();
const raw = Buffer.alloc(values.length * 4);
values.forEach((value, i) => raw.writeFloatLE(value, i * 4));
const request = {
  model_name: model,
  inputs: [{ name: process.env.PITSTOP_INPUT ?? 'input', datatype: 'FP32', shape: [rows.length, rows[0].length] }],
  raw_input_contents: [raw],
};
const metadata = new grpc.Metadata();
metadata.set('authorization', `Bearer ${process.env.PITSTOP_API_KEY ?? ''}`);

client.ModelInfer(request, metadata, (error, response) => {
  client.close();
  if (error) {
    // The details are the message the HTTP API gives in its problem; pitstop-code names the error.
    console.error(`${grpc.status[error.code]}: ${error.details} (${error.metadata.get('pitstop-code')[0] ?? 'no code'})`);
    process.exit(1);
  }
  const outputs = response.outputs.map((output, i) => {
    const bytes = response.raw_output_contents[i];
    const data = output.datatype === 'FP32' ? Array.from({ length: bytes.length / 4 }, (_, j) => bytes.readFloatLE(j * 4)) : `${bytes.length} raw bytes of ${output.datatype}`;
    return { name: output.name, datatype: output.datatype, shape: output.shape, data };
  });
  console.log(JSON.stringify({ model: response.model_name, version: response.model_version, prediction_ids: response.parameters.prediction_ids?.string_param.split(','), outputs }, null, 2));
});
