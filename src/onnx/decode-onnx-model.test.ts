import { describe, expect, it } from 'vitest';
import { PitstopError } from '../errors/index.js';
import { linearRegressorOnnx, notAnOnnxModel } from '../../test/fixtures/onnx-models.js';
import { sklearnOnnxModels } from '../../test/fixtures/third-party-data.js';
import { decodeOnnxModel, encodeOnnxModel } from './index.js';
import { readProtobufFields } from './read-protobuf-fields.js';

function decodeError(bytes: Uint8Array): PitstopError {
  try {
    decodeOnnxModel(bytes);
  } catch (error) {
    expect(error).toBeInstanceOf(PitstopError);
    return error as PitstopError;
  }
  throw new Error(`decodeOnnxModel accepted ${bytes.length} bytes`);
}

describe('decodeOnnxModel', () => {
  it('decodes every shared model', () => {
    for (const { bytes } of sklearnOnnxModels()) {
      expect(decodeOnnxModel(bytes).graph?.node?.length).toBeGreaterThan(0);
    }
  });

  it('refuses an empty file and says it is empty', () => {
    const error = decodeError(new Uint8Array(0));
    expect(error.code).toBe('ONNX_INVALID');
    expect(error.message).toMatch(/empty/);
  });

  it('refuses random bytes', () => {
    expect(decodeError(notAnOnnxModel()).code).toBe('ONNX_INVALID');
  });

  it('refuses text that happens to be readable', () => {
    expect(decodeError(new TextEncoder().encode('{"model": "not onnx"}')).code).toBe('ONNX_INVALID');
  });

  it('refuses a ModelProto without a graph', () => {
    const bytes = encodeOnnxModel({ irVersion: 8, opsetImport: [{ domain: '', version: 13 }], producerName: 'x' });
    const error = decodeError(bytes);
    expect(error.code).toBe('ONNX_INVALID');
    expect(error.message).toMatch(/no graph/);
  });

  it('refuses every truncation of the small shared models, even at a field boundary', () => {
    for (const { file, bytes } of sklearnOnnxModels().filter((model) => model.bytes.length < 4096)) {
      for (let length = 1; length < bytes.length; length += 1) {
        const error = decodeError(bytes.subarray(0, length));
        expect(error.code, `${file} cut at ${length}`).toBe('ONNX_INVALID');
      }
    }
  });

  it('refuses the large shared model cut in half, after its graph, or one byte short', () => {
    const rf = sklearnOnnxModels().find((model) => model.file === 'rf_iris.onnx');
    if (!rf) throw new Error('rf_iris.onnx is missing from data/sklearn-onnx');
    const fields = readProtobufFields(rf.bytes);
    const afterGraph = fields.slice(0, fields.findIndex((field) => field.fieldNumber === 7) + 1);
    const graphEnd = afterGraph.reduce((total, field) => total + field.raw.length, 0);
    for (const length of [Math.floor(rf.bytes.length / 2), graphEnd, rf.bytes.length - 1]) {
      expect(decodeError(rf.bytes.subarray(0, length)).message).toMatch(/truncated/);
    }
  });

  it('round-trips a model built by OnnxGraphBuilder byte for byte', () => {
    const bytes = linearRegressorOnnx({ weights: [1, 2, 3], bias: 4 });
    expect(encodeOnnxModel(decodeOnnxModel(bytes))).toEqual(bytes);
  });
});
