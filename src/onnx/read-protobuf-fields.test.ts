import { describe, expect, it } from 'vitest';
import { PitstopError } from '../errors/index.js';
import { sklearnOnnxModels } from '../../test/fixtures/third-party-data.js';
import { concatBytes, lengthDelimitedField, readProtobufFields } from './read-protobuf-fields.js';

describe('readProtobufFields', () => {
  it('splits a model into fields that join back into the same bytes, nested messages included', () => {
    for (const { file, bytes } of sklearnOnnxModels()) {
      const fields = readProtobufFields(bytes);
      expect(concatBytes(fields.map((field) => field.raw)), file).toEqual(bytes);
      const graph = fields.find((field) => field.fieldNumber === 7);
      // Re-wrapping the payload must reproduce the original length prefix, even for rf_iris's 61 KB graph.
      expect(graph && lengthDelimitedField(7, graph.payload), file).toEqual(graph?.raw);
      expect(concatBytes(readProtobufFields(graph?.payload ?? new Uint8Array(0)).map((field) => field.raw))).toEqual(graph?.payload);
    }
  });

  it('refuses a field that runs past the end', () => {
    expect(() => readProtobufFields(Uint8Array.of(0x3a, 0x05, 0x01))).toThrow(PitstopError);
  });
});
