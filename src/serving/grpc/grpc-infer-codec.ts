// Translates gRPC ModelInfer messages to and from the V2 request and response the HTTP door speaks, so both doors
// share one decoding of tensors into records, one validation and one prediction path. Typed contents and raw contents
// are both read; the answer uses the form the request used.
import { PitstopError } from '../../errors/index.js';
import { elementCount, rawTensorBytes, rawTensorValues, utf8Text, V2_DATATYPES, type V2Datatype, type V2Output } from '../v2-protocol/index.js';

/** InferTensorContents as proto-loader decodes it (int64 as strings, bytes as Buffers). */
export interface GrpcTensorContents {
  bool_contents?: boolean[];
  int_contents?: number[];
  int64_contents?: string[];
  uint_contents?: number[];
  uint64_contents?: string[];
  fp32_contents?: number[];
  fp64_contents?: number[];
  bytes_contents?: Buffer[];
}

export interface GrpcInferRequest {
  model_name: string;
  model_version: string;
  id: string;
  inputs: { name: string; datatype: string; shape: string[]; contents: GrpcTensorContents | null }[];
  outputs: { name: string }[];
  raw_input_contents: Buffer[];
}

export interface GrpcInferResponse {
  model_name: string;
  model_version: string;
  id: string;
  parameters: Record<string, { string_param: string }>;
  outputs: { name: string; datatype: string; shape: number[]; contents?: GrpcTensorContents }[];
  raw_output_contents: Buffer[];
}

/** The V2 request body the HTTP door would have received, and whether the answer should be raw. */
export function grpcInferToV2(request: GrpcInferRequest): { body: { id?: string; inputs: unknown[]; outputs?: { name: string }[] }; raw: boolean } {
  const raw = request.raw_input_contents.length > 0;
  if (raw && request.raw_input_contents.length !== request.inputs.length) {
    throw invalid('raw_input_contents', `holds ${request.raw_input_contents.length} tensors for ${request.inputs.length} inputs; give one per input, in order`);
  }
  const inputs = request.inputs.map((input, i) => {
    const field = `inputs[${i}]`;
    if (!(V2_DATATYPES as readonly string[]).includes(input.datatype)) throw invalid(`${field}.datatype`, `unknown datatype "${input.datatype}"; one of ${V2_DATATYPES.join(', ')}`);
    const datatype = input.datatype as V2Datatype;
    const shape = input.shape.map((d, j) => safeInteger(d, `${field}.shape[${j}]`));
    const count = elementCount(shape, field);
    if (raw && hasContents(input.contents)) throw invalid(`${field}.contents`, 'give contents or raw_input_contents, not both');
    const data = raw ? rawTensorValues(request.raw_input_contents[i]!, datatype, count, `raw_input_contents[${i}]`) : typedValues(input.contents, datatype, `${field}.contents`);
    return { name: input.name, datatype, shape, data };
  });
  const outputs = request.outputs.length > 0 ? request.outputs.map((o) => ({ name: o.name })) : undefined;
  return { body: { ...(request.id ? { id: request.id } : {}), inputs, ...(outputs && { outputs }) }, raw };
}

/** The gRPC answer for the HTTP door's V2 answer. */
export function v2ToGrpcInfer(answer: { model_name: string; model_version: string; id?: string; parameters: { prediction_ids: readonly string[] }; outputs: readonly V2Output[] }, raw: boolean): GrpcInferResponse {
  return {
    model_name: answer.model_name,
    model_version: answer.model_version,
    id: answer.id ?? '',
    // InferParameter holds one scalar: the ids travel as one comma-separated string.
    parameters: { prediction_ids: { string_param: answer.parameters.prediction_ids.join(',') } },
    outputs: answer.outputs.map((o) => ({ name: o.name, datatype: o.datatype, shape: [...o.shape], ...(raw ? {} : { contents: typedContents(o.data as readonly unknown[], o.datatype) }) })),
    raw_output_contents: raw ? answer.outputs.map((o) => rawTensorBytes(o.data as readonly unknown[], o.datatype)) : [],
  };
}

function typedValues(contents: GrpcTensorContents | null, datatype: V2Datatype, field: string): unknown[] {
  const c = contents ?? {};
  switch (datatype) {
    case 'BOOL': return c.bool_contents ?? [];
    case 'INT8': case 'INT16': case 'INT32': return c.int_contents ?? [];
    case 'UINT8': case 'UINT16': case 'UINT32': return c.uint_contents ?? [];
    case 'INT64': return (c.int64_contents ?? []).map((v, i) => safeInteger(v, `${field}.int64_contents[${i}]`));
    case 'UINT64': return (c.uint64_contents ?? []).map((v, i) => safeInteger(v, `${field}.uint64_contents[${i}]`));
    case 'FP32': return c.fp32_contents ?? [];
    case 'FP64': return c.fp64_contents ?? [];
    case 'BYTES': return (c.bytes_contents ?? []).map((b, i) => utf8Text(b, `${field}.bytes_contents[${i}]`));
    case 'FP16': throw invalid(field, 'FP16 has no typed contents in the protocol; send it in raw_input_contents');
  }
}

function typedContents(values: readonly unknown[], datatype: V2Datatype): GrpcTensorContents {
  switch (datatype) {
    case 'BOOL': return { bool_contents: values as boolean[] };
    case 'INT8': case 'INT16': case 'INT32': return { int_contents: values as number[] };
    case 'UINT8': case 'UINT16': case 'UINT32': return { uint_contents: values as number[] };
    case 'INT64': return { int64_contents: values.map(String) };
    case 'UINT64': return { uint64_contents: values.map(String) };
    case 'FP16': case 'FP32': return { fp32_contents: values as number[] };
    case 'FP64': return { fp64_contents: values as number[] };
    case 'BYTES': return { bytes_contents: values.map((v) => Buffer.from(String(v), 'utf8')) };
  }
}

function hasContents(contents: GrpcTensorContents | null): boolean {
  return contents !== null && Object.values(contents).some((v) => Array.isArray(v) && v.length > 0);
}

function safeInteger(text: string | number, field: string): number {
  const value = Number(text);
  if (!Number.isSafeInteger(value)) throw invalid(field, `${text} is beyond the exact integers (±(2^53 − 1))`);
  return value;
}

function invalid(field: string, message: string): PitstopError {
  return new PitstopError('VALIDATION_FAILED', `${field}: ${message}`, { field });
}
