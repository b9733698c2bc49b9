// The generated ONNX protobuf classes (onnx-proto, ONNX 1.10 schema) and the two conversions every reader needs.
import { createRequire } from 'node:module';
import type { onnx as OnnxProto } from 'onnx-proto';

export type { OnnxProto };

// onnx-proto is CommonJS and its generated code takes a while to load, so it is required on first use (synchronously,
// keeping decoding synchronous): commands that never read an ONNX file never load it.
const require = createRequire(import.meta.url);
let loaded: typeof OnnxProto | undefined;

/** The generated protobuf classes (ModelProto, NodeProto, ...). */
export function onnxProto(): typeof OnnxProto {
  loaded ??= (require('onnx-proto') as { onnx: typeof OnnxProto }).onnx;
  return loaded;
}

/** int64 fields decode as Long objects (onnx-proto's protobufjs has `long`); Pitstop works in JS numbers. */
export function int64ToNumber(value: number | { toNumber(): number } | null | undefined): number {
  if (value === null || value === undefined) return 0;
  return typeof value === 'number' ? value : value.toNumber();
}

const utf8 = new TextDecoder('utf-8');
const utf8Encoder = new TextEncoder();

/** ONNX stores strings in `bytes` fields (attribute `s`/`strings`, tensor `string_data`). */
export function bytesToText(bytes: Uint8Array | null | undefined): string {
  return bytes ? utf8.decode(bytes) : '';
}

export function textToBytes(text: string): Uint8Array {
  return utf8Encoder.encode(text);
}
