// Triton's binary tensor data extension of V2 over HTTP: a JSON header of `Inference-Header-Content-Length` bytes,
// then the raw bytes of each input whose `parameters.binary_data_size` says how many, in the order of `inputs`. The
// answer may come back the same way: outputs asked for with `parameters.binary_data` (or the request's
// `parameters.binary_data_output`) lose their `data` and gain `binary_data_size`, and their bytes follow the header.
import { PitstopError } from '../../errors/index.js';
import { elementCount, rawTensorBytes, rawTensorValues } from './v2-raw-tensors.js';
import { V2_DATATYPES, type V2Datatype, type V2Output } from './v2-schemas.js';

export const INFERENCE_HEADER_LENGTH = 'inference-header-content-length';

type JsonObject = Record<string, unknown>;

/**
 * The V2 request a binary body carries, with each binary input's bytes read into its `data`. `parseJson` parses the
 * header (the server passes its bounded JSON parser).
 */
export function readBinaryV2Request(body: Buffer, headerLength: string | undefined, parseJson: (text: string) => unknown): unknown {
  if (headerLength === undefined) {
    throw new PitstopError('VALIDATION_FAILED', `a binary V2 body needs the ${INFERENCE_HEADER_LENGTH} header (the length of its JSON part); send plain JSON as application/json`, { field: INFERENCE_HEADER_LENGTH });
  }
  const jsonLength = /^\d{1,10}$/.test(headerLength) ? Number(headerLength) : Number.NaN;
  if (!(jsonLength <= body.length)) {
    throw new PitstopError('VALIDATION_FAILED', `${INFERENCE_HEADER_LENGTH} is ${headerLength}, but the body holds ${body.length} bytes`, { field: INFERENCE_HEADER_LENGTH });
  }
  const request = parseJson(body.subarray(0, jsonLength).toString('utf8'));
  if (!isObject(request) || !Array.isArray(request.inputs)) return request; // the schema check names what is wrong
  let offset = jsonLength;
  request.inputs.forEach((input: unknown, i) => {
    if (!isObject(input) || !isObject(input.parameters) || input.parameters.binary_data_size === undefined) return;
    const field = `inputs[${i}].parameters.binary_data_size`;
    const size = input.parameters.binary_data_size;
    if (typeof size !== 'number' || !Number.isSafeInteger(size) || size < 0) throw new PitstopError('VALIDATION_FAILED', `${field}: a byte count, got ${JSON.stringify(size)}`, { field });
    if (offset + size > body.length) throw new PitstopError('VALIDATION_FAILED', `${field}: ${size} bytes, but only ${body.length - offset} remain after the header and the inputs before`, { field });
    if (input.data !== undefined) throw new PitstopError('VALIDATION_FAILED', `inputs[${i}]: give data or parameters.binary_data_size, not both`, { field: `inputs[${i}].data` });
    if (!(V2_DATATYPES as readonly unknown[]).includes(input.datatype) || !Array.isArray(input.shape)) return; // the schema check says so
    const shape = (input.shape as unknown[]).map((d) => (typeof d === 'number' ? d : Number.NaN));
    input.data = rawTensorValues(body.subarray(offset, offset + size), input.datatype as V2Datatype, elementCount(shape, `inputs[${i}]`), `inputs[${i}] binary data`);
    offset += size;
  });
  if (offset !== body.length) {
    throw new PitstopError('VALIDATION_FAILED', `the body holds ${body.length - offset} bytes after the last binary input; each input's parameters.binary_data_size must count its bytes`, { field: 'body' });
  }
  return request;
}

/** Whether the request asks for output `name` as binary data. */
function wantsBinary(request: JsonObject, name: string): boolean {
  const requested = Array.isArray(request.outputs) ? request.outputs.find((o) => isObject(o) && o.name === name) : undefined;
  if (isObject(requested) && isObject(requested.parameters) && typeof requested.parameters.binary_data === 'boolean') return requested.parameters.binary_data;
  return isObject(request.parameters) && request.parameters.binary_data_output === true;
}

/** The answer as the binary extension has it, or null when no output was asked for as binary data. */
export function binaryV2Answer<T extends { outputs: readonly V2Output[] }>(request: unknown, answer: T): { headerLength: number; body: Buffer } | null {
  if (!isObject(request) || !answer.outputs.some((o) => wantsBinary(request, o.name))) return null;
  const chunks: Buffer[] = [];
  const outputs = answer.outputs.map((output) => {
    if (!wantsBinary(request, output.name)) return output;
    const bytes = rawTensorBytes(output.data as readonly unknown[], output.datatype);
    chunks.push(bytes);
    const { data: _data, ...rest } = output;
    return { ...rest, parameters: { ...output.parameters, binary_data_size: bytes.length } };
  });
  const header = Buffer.from(JSON.stringify({ ...answer, outputs }), 'utf8');
  return { headerLength: header.length, body: Buffer.concat([header, ...chunks]) };
}

function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
