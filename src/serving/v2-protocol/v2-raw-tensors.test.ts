import { describe, expect, it } from 'vitest';
import { PitstopError } from '../../errors/index.js';
import { elementCount, rawTensorBytes, rawTensorValues } from './v2-raw-tensors.js';
import type { V2Datatype } from './v2-schemas.js';

describe('raw V2 tensors', () => {
  const roundTrips: [V2Datatype, unknown[]][] = [
    ['BOOL', [true, false, true]], ['UINT8', [0, 255]], ['INT8', [-128, 127]], ['UINT16', [0, 65535]], ['INT16', [-32768, 32767]],
    ['UINT32', [0, 4294967295]], ['INT32', [-2147483648, 2147483647]], ['UINT64', [0, Number.MAX_SAFE_INTEGER]], ['INT64', [Number.MIN_SAFE_INTEGER, -1, 7]],
    ['FP32', [Math.fround(0.1), -0, Math.fround(3.4e38)]], ['FP64', [0.1, -1e300, 5e-324]], ['FP16', [0, 1, -2, 0.5, 65504, 0.000060975551605224609375]], ['BYTES', ['', 'héllo', 'a\u0000b']],
  ];
  it.each(roundTrips)('reads back what it writes for %s', (datatype, values) => {
    expect(rawTensorValues(rawTensorBytes(values, datatype), datatype, values.length, 'raw')).toEqual(values);
  });

  it('reads little-endian bytes as numpy writes them', () => {
    expect(rawTensorValues(Buffer.from([0, 0, 0x80, 0x3f, 0, 0, 0, 0xc0]), 'FP32', 2, 'raw')).toEqual([1, -2]);
    expect(rawTensorValues(Buffer.from([0x00, 0x3c]), 'FP16', 1, 'raw')).toEqual([1]);
    expect(rawTensorValues(Buffer.from([2, 0, 0, 0, 0x68, 0x69]), 'BYTES', 1, 'raw')).toEqual(['hi']);
  });

  it('reads a tensor at an odd offset inside a larger buffer', () => {
    const whole = Buffer.concat([Buffer.from([9]), rawTensorBytes([1.5, -2.25], 'FP64')]);
    expect(rawTensorValues(whole.subarray(1), 'FP64', 2, 'raw')).toEqual([1.5, -2.25]);
  });

  const refusal = (run: () => unknown) => {
    try {
      run();
    } catch (error) {
      if (error instanceof PitstopError) return { code: error.code, field: error.field, message: error.message };
      throw error;
    }
    throw new Error('not refused');
  };

  it('refuses bytes that do not fit the count, cut-off BYTES elements, non-UTF-8 text and integers past 2^53', () => {
    expect(refusal(() => rawTensorValues(Buffer.alloc(7), 'FP32', 2, 'raw_input_contents[0]'))).toMatchObject({ code: 'VALIDATION_FAILED', field: 'raw_input_contents[0]', message: expect.stringMatching(/holds 7 bytes; 2 FP32 elements need 8/) });
    expect(refusal(() => rawTensorValues(Buffer.from([5, 0, 0, 0, 1]), 'BYTES', 1, 'raw'))).toMatchObject({ message: expect.stringMatching(/says 5 bytes, but only 1 remain/) });
    expect(refusal(() => rawTensorValues(Buffer.from([1, 0, 0]), 'BYTES', 1, 'raw'))).toMatchObject({ message: expect.stringMatching(/cut-off length prefix/) });
    expect(refusal(() => rawTensorValues(Buffer.from([1, 0, 0, 0, 0xff]), 'BYTES', 1, 'raw'))).toMatchObject({ field: 'raw[0]' });
    expect(refusal(() => rawTensorValues(rawTensorBytes(['a', 'b'], 'BYTES'), 'BYTES', 1, 'raw'))).toMatchObject({ message: expect.stringMatching(/the shape needs 1/) });
    const big = Buffer.alloc(8);
    big.writeBigInt64LE(2n ** 53n);
    expect(refusal(() => rawTensorValues(big, 'INT64', 1, 'raw'))).toMatchObject({ field: 'raw[0]' });
  });

  it('counts elements from a shape and refuses negative or fractional dimensions', () => {
    expect(elementCount([2, 3, 4], 'inputs[0]')).toBe(24);
    expect(elementCount([0, 3], 'inputs[0]')).toBe(0);
    expect(refusal(() => elementCount([2, -1], 'inputs[0]'))).toMatchObject({ field: 'inputs[0].shape[1]' });
    expect(refusal(() => elementCount([1.5], 'inputs[0]'))).toMatchObject({ field: 'inputs[0].shape[0]' });
  });
});
