// Splits CSV bytes into records of fields without making a string per cell: each complete record is handed over as
// byte ranges into the chunk, so numeric cells are parsed straight from the bytes (RFC 4180 quoting, \n or \r\n).

const COMMA = 0x2c;
const QUOTE = 0x22;
const LF = 0x0a;
const CR = 0x0d;

/** One record's fields as byte ranges in `bytes`; `quoted[i]` is 1 for a quoted field (whose range excludes the quotes). */
export interface CsvRecord {
  readonly bytes: Uint8Array;
  readonly count: number;
  readonly starts: Int32Array;
  readonly ends: Int32Array;
  readonly quoted: Uint8Array;
  /** The file line the record starts on, 1-based. */
  readonly line: number;
}

/** A malformed file: what is wrong and where, in csv-parse's words so messages stay as users knew them. */
export class CsvSyntaxError extends Error {}

/**
 * Feed it chunks in order; it calls `onRecord` for every complete record and keeps the incomplete one for the next
 * chunk. Blank lines are skipped. The record object is reused: read it inside the callback.
 */
export class CsvScanner {
  private line = 1;
  private quotedLines = 0;
  private record: { bytes: Uint8Array; count: number; starts: Int32Array; ends: Int32Array; quoted: Uint8Array; line: number } = { bytes: new Uint8Array(0), count: 0, starts: new Int32Array(64), ends: new Int32Array(64), quoted: new Uint8Array(64), line: 1 };

  constructor(private readonly onRecord: (record: CsvRecord) => void) {}

  /**
   * Scans bytes[0, length) and returns where the unfinished record begins (length when none is left); the caller
   * passes those bytes again at the front of the next chunk. With `final`, the last record needs no line end.
   */
  scan(bytes: Uint8Array, length: number, final: boolean): number {
    const record = this.record;
    record.bytes = bytes;
    let at = 0;
    while (at < length) {
      const recordStart = at;
      const recordLine = this.line;
      let lines = 0;
      let count = 0;
      // One field per turn; each ends at a comma (more fields follow), a line end or the end of the data.
      for (;;) {
        if (count === record.starts.length) this.grow();
        let start = at;
        let end: number;
        const quoted = at < length && bytes[at] === QUOTE ? 1 : 0;
        if (quoted === 1) {
          start = at + 1;
          end = this.closingQuote(bytes, start, length, final, recordLine + lines);
          if (end < 0) return recordStart;
          lines += this.quotedLines;
          at = end + 1;
          if (at < length && bytes[at] !== COMMA && bytes[at] !== LF && bytes[at] !== CR) {
            throw new CsvSyntaxError(`Invalid Closing Quote: got "${String.fromCharCode(bytes[at]!)}" after the quoted field on line ${recordLine + lines}`);
          }
        } else {
          at = unquotedFieldEnd(bytes, at, length, recordLine + lines);
          end = at;
        }
        record.starts[count] = start;
        record.ends[count] = end;
        record.quoted[count] = quoted;
        count += 1;
        if (at >= length) {
          if (!final) return recordStart;
          break;
        }
        if (bytes[at] === COMMA) {
          at += 1;
          continue;
        }
        // A line end: \r\n counts once; a \r at the very end of a chunk may still be followed by \n.
        if (bytes[at] === CR) {
          if (at + 1 >= length && !final) return recordStart;
          at += at + 1 < length && bytes[at + 1] === LF ? 2 : 1;
        } else {
          at += 1;
        }
        lines += 1;
        break;
      }
      this.line = recordLine + lines;
      // A blank line is one empty unquoted field: skipped, as csv-parse's skip_empty_lines does.
      if (!(count === 1 && record.ends[0] === record.starts[0] && record.quoted[0] === 0)) {
        record.count = count;
        record.line = recordLine;
        this.onRecord(record);
      }
    }
    return length;
  }

  /**
   * Where the quoted field starting at `from` (after its opening quote) ends: the index of its closing quote, or -1
   * when the data ends first (the next chunk may close it). Counts its line ends in quotedLines.
   */
  private closingQuote(bytes: Uint8Array, from: number, length: number, final: boolean, line: number): number {
    this.quotedLines = 0;
    let q = from;
    for (;;) {
      while (q < length && bytes[q] !== QUOTE) {
        if (bytes[q] === LF) this.quotedLines += 1;
        q += 1;
      }
      // Whether a quote closes the field or starts "" depends on the next byte, which may be in the next chunk.
      if (q >= length || (q + 1 === length && !final)) {
        if (final) throw new CsvSyntaxError(`Quote Not Closed: the quoted field starting on line ${line} does not end`);
        return -1;
      }
      if (bytes[q + 1] !== QUOTE) return q;
      q += 2; // "" is one quote inside the field
    }
  }

  private grow(): void {
    const size = this.record.starts.length * 2;
    const grown = (from: Int32Array) => {
      const to = new Int32Array(size);
      to.set(from);
      return to;
    };
    this.record.starts = grown(this.record.starts);
    this.record.ends = grown(this.record.ends);
    const quoted = new Uint8Array(size);
    quoted.set(this.record.quoted);
    this.record.quoted = quoted;
  }
}

/** The end of the unquoted field starting at `at`: the next comma, line end or end of the data. */
function unquotedFieldEnd(bytes: Uint8Array, at: number, length: number, line: number): number {
  while (at < length) {
    const byte = bytes[at]!;
    if (byte === COMMA || byte === LF || byte === CR) break;
    if (byte === QUOTE) throw new CsvSyntaxError(`Invalid Opening Quote: a quote in an unquoted field on line ${line}`);
    at += 1;
  }
  return at;
}

/** A quoted field's text, with each "" turned back into one quote. */
export function quotedFieldText(bytes: Uint8Array, start: number, end: number): string {
  const text = Buffer.from(bytes.buffer, bytes.byteOffset + start, end - start).toString('utf8');
  return text.includes('""') ? text.replaceAll('""', '"') : text;
}

/** An unquoted field's text. */
export function fieldText(bytes: Uint8Array, start: number, end: number): string {
  return Buffer.from(bytes.buffer, bytes.byteOffset + start, end - start).toString('utf8');
}
