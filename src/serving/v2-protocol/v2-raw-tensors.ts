// V2 tensors as raw bytes: gRPC's raw_input_contents / raw_output_contents and HTTP's binary tensor data extension.
// Elements are little-endian, row-major, without padding; a BYTES element is a 4-byte little-endian length, then its
// bytes. Values come out as the JSON form of the protocol has them (numbers, booleans, strings), so both forms share
// one validation downstream.
import { PitstopError } from '../../errors/index.js';
import type { V2Datatype } from './v2-schemas.js';

type RawValue = number | boolean | string;

const ELEMENT_BYTES: Record<Exclude<V2Datatype, 'BYTES'>, number> = {
  BOOL: 1, UINT8: 1, INT8: 1, UINT16: 2, INT16: 2, FP16: 2, UINT32: 4, INT32: 4, FP32: 4, UINT64: 8, INT64: 8, FP64: 8,
};

const utf8 = new TextDecoder('utf-8', { fatal: true });

/** The element count of a shape; a dimension that is not a non-negative safe integer is refused. */
export function elementCount(shape: readonly number[], field: string): number {
  let count = 1;
  for (const [i, dimension] of shape.entries()) {
    if (!Number.isSafeInteger(dimension) || dimension < 0) throw invalid(`${field}.shape[${i}]`, `a dimension is a whole number of at least 0, got ${dimension}`);
    count *= dimension;
  }
  if (!Number.isSafeInteger(count)) throw invalid(`${field}.shape`, `the shape [${shape.join(', ')}] has too many elements`);
  return count;
}

/** The values of a raw tensor of `count` elements; the byte length must be exactly what the datatype and count need. */
export function rawTensorValues(bytes: Uint8Array, datatype: V2Datatype, count: number, field: string): RawValue[] {
  if (datatype === 'BYTES') return rawStrings(bytes, count, field);
  const size = ELEMENT_BYTES[datatype];
  if (bytes.byteLength !== count * size) {
    throw invalid(field, `holds ${bytes.byteLength} bytes; ${count} ${datatype} elements need ${count * size}`);
  }
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const values: RawValue[] = new Array(count);
  switch (datatype) {
    case 'BOOL':
      for (let i = 0; i < count; i++) values[i] = bytes[i] !== 0;
      return values;
    case 'UINT8': for (let i = 0; i < count; i++) values[i] = view.getUint8(i); return values;
    case 'INT8': for (let i = 0; i < count; i++) values[i] = view.getInt8(i); return values;
    case 'UINT16': for (let i = 0; i < count; i++) values[i] = view.getUint16(i * 2, true); return values;
    case 'INT16': for (let i = 0; i < count; i++) values[i] = view.getInt16(i * 2, true); return values;
    case 'FP16': for (let i = 0; i < count; i++) values[i] = halfToNumber(view.getUint16(i * 2, true)); return values;
    case 'UINT32': for (let i = 0; i < count; i++) values[i] = view.getUint32(i * 4, true); return values;
    case 'INT32': for (let i = 0; i < count; i++) values[i] = view.getInt32(i * 4, true); return values;
    case 'FP32': for (let i = 0; i < count; i++) values[i] = view.getFloat32(i * 4, true); return values;
    case 'FP64': for (let i = 0; i < count; i++) values[i] = view.getFloat64(i * 8, true); return values;
    case 'UINT64':
    case 'INT64':
      for (let i = 0; i < count; i++) {
        const value = datatype === 'INT64' ? view.getBigInt64(i * 8, true) : view.getBigUint64(i * 8, true);
        if (value > BigInt(Number.MAX_SAFE_INTEGER) || value < BigInt(Number.MIN_SAFE_INTEGER)) throw invalid(`${field}[${i}]`, `${value} is beyond the exact integers (±(2^53 − 1))`);
        values[i] = Number(value);
      }
      return values;
  }
}

/** The raw bytes of a tensor's flat values. */
export function rawTensorBytes(values: readonly unknown[], datatype: V2Datatype): Buffer {
  if (datatype === 'BYTES') {
    const parts = values.map((v) => Buffer.from(String(v), 'utf8'));
    const out = Buffer.allocUnsafe(parts.reduce((n, p) => n + 4 + p.length, 0));
    let offset = 0;
    for (const part of parts) {
      out.writeUInt32LE(part.length, offset);
      part.copy(out, offset + 4);
      offset += 4 + part.length;
    }
    return out;
  }
  const size = ELEMENT_BYTES[datatype];
  const out = Buffer.alloc(values.length * size);
  const view = new DataView(out.buffer, out.byteOffset, out.byteLength);
  values.forEach((v, i) => {
    const n = Number(v);
    switch (datatype) {
      case 'BOOL': out[i] = v ? 1 : 0; break;
      case 'UINT8': view.setUint8(i, n); break;
      case 'INT8': view.setInt8(i, n); break;
      case 'UINT16': view.setUint16(i * 2, n, true); break;
      case 'INT16': view.setInt16(i * 2, n, true); break;
      case 'FP16': view.setUint16(i * 2, numberToHalf(n), true); break;
      case 'UINT32': view.setUint32(i * 4, n, true); break;
      case 'INT32': view.setInt32(i * 4, n, true); break;
      case 'FP32': view.setFloat32(i * 4, n, true); break;
      case 'FP64': view.setFloat64(i * 8, n, true); break;
      case 'UINT64': view.setBigUint64(i * 8, BigInt(n), true); break;
      case 'INT64': view.setBigInt64(i * 8, BigInt(n), true); break;
    }
  });
  return out;
}

function rawStrings(bytes: Uint8Array, count: number, field: string): string[] {
  const values: string[] = [];
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let offset = 0;
  while (offset < bytes.byteLength) {
    if (offset + 4 > bytes.byteLength) throw invalid(field, `BYTES element ${values.length} has a cut-off length prefix at byte ${offset}`);
    const length = view.getUint32(offset, true);
    if (offset + 4 + length > bytes.byteLength) throw invalid(field, `BYTES element ${values.length} says ${length} bytes, but only ${bytes.byteLength - offset - 4} remain`);
    values.push(utf8Text(bytes.subarray(offset + 4, offset + 4 + length), `${field}[${values.length}]`));
    offset += 4 + length;
    if (values.length > count) break;
  }
  if (values.length !== count) throw invalid(field, `holds ${values.length} BYTES elements; the shape needs ${count}`);
  return values;
}

/** A BYTES element as text; features are strings, so it must be valid UTF-8. */
export function utf8Text(bytes: Uint8Array, field: string): string {
  try {
    return utf8.decode(bytes);
  } catch {
    throw invalid(field, 'BYTES elements must be UTF-8 text here (features are strings)');
  }
}

/** IEEE 754 half precision to a number. */
function halfToNumber(bits: number): number {
  const sign = bits & 0x8000 ? -1 : 1;
  const exponent = (bits >> 10) & 0x1f;
  const fraction = bits & 0x3ff;
  if (exponent === 0) return sign * 2 ** -14 * (fraction / 1024);
  if (exponent === 0x1f) return fraction ? Number.NaN : sign * Number.POSITIVE_INFINITY;
  return sign * 2 ** (exponent - 15) * (1 + fraction / 1024);
}

/** A number to IEEE 754 half precision (round to nearest even through float32). */
function numberToHalf(value: number): number {
  const f32 = new Float32Array([value]);
  const bits = new Uint32Array(f32.buffer)[0]!;
  const sign = (bits >>> 16) & 0x8000;
  const exponent = ((bits >>> 23) & 0xff) - 127 + 15;
  const mantissa = bits & 0x7fffff;
  if (((bits >>> 23) & 0xff) === 0xff) return sign | 0x7c00 | (mantissa ? 0x200 : 0);
  if (exponent >= 0x1f) return sign | 0x7c00;
  if (exponent <= 0) {
    if (exponent < -10) return sign;
    const m = (mantissa | 0x800000) >> (1 - exponent);
    return sign | ((m + 0x1000) >> 13);
  }
  const half = sign | (exponent << 10) | (mantissa >> 13);
  const rest = mantissa & 0x1fff;
  return rest > 0x1000 || (rest === 0x1000 && half & 1) ? half + 1 : half;
}

function invalid(field: string, message: string): PitstopError {
  return new PitstopError('VALIDATION_FAILED', `${field}: ${message}`, { field });
}
