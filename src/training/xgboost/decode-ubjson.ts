// Decodes Universal Binary JSON (ubjson.org, draft 12), the format of XGBoost's `save_model("model.ubj")`: the same
// document as its JSON, with big-endian numbers and typed arrays (`[$d#L...` for the float32 split conditions).
import { PitstopError } from '../../errors/index.js';

export type UbjsonValue = null | boolean | number | bigint | string | UbjsonValue[] | { [key: string]: UbjsonValue };

/** Throws MODEL_IMPORT_INVALID naming the byte offset when the bytes are not one well-formed UBJSON value. */
export function decodeUbjson(bytes: Uint8Array): UbjsonValue {
  const reader = new UbjsonReader(bytes);
  const value = reader.value();
  reader.expectEnd();
  return value;
}

const decoder = new TextDecoder('utf-8', { fatal: true });

class UbjsonReader {
  private at = 0;
  private readonly view: DataView;

  constructor(private readonly bytes: Uint8Array) {
    this.view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  }

  expectEnd(): void {
    while (this.at < this.bytes.length && this.bytes[this.at] === 0x4e) this.at += 1; // N: no-op
    if (this.at !== this.bytes.length) throw this.invalid('bytes after the end of the document');
  }

  value(marker = this.marker()): UbjsonValue {
    switch (marker) {
      case 'Z':
        return null;
      case 'T':
        return true;
      case 'F':
        return false;
      case 'i':
        return this.view.getInt8(this.take(1));
      case 'U':
        return this.view.getUint8(this.take(1));
      case 'I':
        return this.view.getInt16(this.take(2));
      case 'l':
        return this.view.getInt32(this.take(4));
      case 'L': {
        const big = this.view.getBigInt64(this.take(8));
        return big >= BigInt(Number.MIN_SAFE_INTEGER) && big <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(big) : big;
      }
      case 'd':
        return this.view.getFloat32(this.take(4));
      case 'D':
        return this.view.getFloat64(this.take(8));
      case 'H':
        return Number(this.text());
      case 'C':
        return String.fromCharCode(this.bytes[this.take(1)]!);
      case 'S':
        return this.text();
      case '[':
        return this.array();
      case '{':
        return this.object();
      default:
        throw this.invalid(`unknown type marker '${marker}'`, this.at - 1);
    }
  }

  private array(): UbjsonValue[] {
    const { type, count } = this.containerHeader();
    if (count === null) {
      const items: UbjsonValue[] = [];
      for (let marker = this.marker(); marker !== ']'; marker = this.marker()) items.push(this.value(marker));
      return items;
    }
    const items = new Array<UbjsonValue>(count);
    for (let i = 0; i < count; i++) items[i] = this.value(type ?? this.marker());
    return items;
  }

  private object(): { [key: string]: UbjsonValue } {
    const { type, count } = this.containerHeader();
    // A map, not an object literal: "__proto__" and "constructor" are keys like any other here.
    const entries: [string, UbjsonValue][] = [];
    if (count === null) {
      for (;;) {
        if (this.peek() === '}') {
          this.at += 1;
          break;
        }
        const key = this.text();
        entries.push([key, this.value()]);
      }
    } else {
      for (let i = 0; i < count; i++) {
        const key = this.text();
        entries.push([key, this.value(type ?? this.marker())]);
      }
    }
    const object: { [key: string]: UbjsonValue } = Object.create(null) as { [key: string]: UbjsonValue };
    for (const [key, value] of entries) object[key] = value;
    return object;
  }

  /** `$type` and `#count` after an opening bracket; a type needs a count. */
  private containerHeader(): { type: string | null; count: number | null } {
    let type: string | null = null;
    if (this.peek() === '$') {
      this.at += 1;
      type = this.marker();
      if (this.peek() !== '#') throw this.invalid('a typed container without a count');
    }
    if (this.peek() !== '#') return { type, count: null };
    this.at += 1;
    return { type, count: this.length() };
  }

  /** A string's or container's length: an integer value. */
  private length(): number {
    const start = this.at;
    const length = this.value();
    if (typeof length !== 'number' || !Number.isInteger(length) || length < 0 || length > this.bytes.length) {
      throw this.invalid(`a length of ${String(length)}`, start);
    }
    return length;
  }

  private text(): string {
    const length = this.length();
    const start = this.take(length);
    try {
      return decoder.decode(this.bytes.subarray(start, start + length));
    } catch {
      throw this.invalid('a string that is not UTF-8', start);
    }
  }

  private marker(): string {
    let marker = this.bytes[this.take(1)]!;
    while (marker === 0x4e) marker = this.bytes[this.take(1)]!; // N: no-op
    return String.fromCharCode(marker);
  }

  private peek(): string {
    if (this.at >= this.bytes.length) throw this.invalid('the document ends early');
    return String.fromCharCode(this.bytes[this.at]!);
  }

  private take(count: number): number {
    if (this.at + count > this.bytes.length) throw this.invalid('the document ends early');
    const start = this.at;
    this.at += count;
    return start;
  }

  private invalid(problem: string, at = this.at): PitstopError {
    return new PitstopError('MODEL_IMPORT_INVALID', `not a UBJSON document: ${problem} at byte ${at}`);
  }
}
