// Protobuf at the wire level: a message as its list of raw fields, so a rewrite can replace a few fields and copy
// every other byte unchanged, including fields newer than the schema onnx-proto knows.
import { PitstopError } from '../errors/index.js';

export interface ProtobufField {
  fieldNumber: number;
  wireType: number;
  /** The whole field as it appears in the message, tag included. */
  raw: Uint8Array;
  /** The content of a length-delimited field (wire type 2); empty for the other wire types. */
  payload: Uint8Array;
}

const WIRE_VARINT = 0;
const WIRE_FIXED64 = 1;
const WIRE_LENGTH_DELIMITED = 2;
const WIRE_FIXED32 = 5;

/** Splits a protobuf message into its top-level fields, in file order. */
export function readProtobufFields(bytes: Uint8Array): ProtobufField[] {
  const fields: ProtobufField[] = [];
  let offset = 0;
  while (offset < bytes.length) {
    const start = offset;
    const tag = readVarint(bytes, offset);
    offset = tag.next;
    const fieldNumber = Math.floor(tag.value / 8);
    const wireType = tag.value % 8;
    let payload: Uint8Array = new Uint8Array(0);
    if (wireType === WIRE_VARINT) {
      offset = readVarint(bytes, offset).next;
    } else if (wireType === WIRE_FIXED64) {
      offset += 8;
    } else if (wireType === WIRE_FIXED32) {
      offset += 4;
    } else if (wireType === WIRE_LENGTH_DELIMITED) {
      const length = readVarint(bytes, offset);
      payload = bytes.subarray(length.next, length.next + length.value);
      offset = length.next + length.value;
    } else {
      // Groups (wire types 3 and 4) are deprecated and never used by onnx.proto.
      throw malformed(`unsupported wire type ${wireType} at byte ${start}`);
    }
    if (offset > bytes.length) throw malformed(`field ${fieldNumber} at byte ${start} runs past the end`);
    fields.push({ fieldNumber, wireType, raw: bytes.subarray(start, offset), payload });
  }
  return fields;
}

/** Encodes one length-delimited field (an embedded message, string or bytes). */
export function lengthDelimitedField(fieldNumber: number, payload: Uint8Array): Uint8Array {
  return concatBytes([encodeVarint(fieldNumber * 8 + WIRE_LENGTH_DELIMITED), encodeVarint(payload.length), payload]);
}

export function concatBytes(parts: readonly Uint8Array[]): Uint8Array {
  const result = new Uint8Array(parts.reduce((total, part) => total + part.length, 0));
  let offset = 0;
  for (const part of parts) {
    result.set(part, offset);
    offset += part.length;
  }
  return result;
}

function readVarint(bytes: Uint8Array, offset: number): { value: number; next: number } {
  // Multiplication rather than bit shifts: lengths and tags can pass 2^31, and JS shifts are 32-bit.
  let value = 0;
  let scale = 1;
  for (let index = offset; index < bytes.length && index < offset + 10; index += 1) {
    const byte = bytes[index] ?? 0;
    value += (byte & 0x7f) * scale;
    if (byte < 0x80) return { value, next: index + 1 };
    scale *= 128;
  }
  throw malformed(`unterminated varint at byte ${offset}`);
}

function encodeVarint(value: number): Uint8Array {
  const bytes: number[] = [];
  let rest = value;
  while (rest >= 0x80) {
    bytes.push((rest % 128) | 0x80);
    rest = Math.floor(rest / 128);
  }
  bytes.push(rest);
  return Uint8Array.from(bytes);
}

function malformed(detail: string): PitstopError {
  return new PitstopError('ONNX_INVALID', `The ONNX model is not well-formed protobuf: ${detail}.`);
}
