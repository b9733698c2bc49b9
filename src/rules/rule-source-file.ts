// A rule-set source text with its line table, so any offset into it becomes the line and column people see.

export interface SourcePosition {
  /** 1-based. */
  readonly line: number;
  /** 1-based, in UTF-16 code units (a tab counts as one). */
  readonly column: number;
}

export class RuleSourceFile {
  private readonly lineStarts: readonly number[];

  constructor(
    /** The name shown in messages (`rules.yaml`). */
    readonly name: string,
    readonly text: string,
    /** Offsets where lines start, e.g. a YAML LineCounter's after parsing; computed from the text when absent. */
    lineStarts?: readonly number[],
  ) {
    if (lineStarts && lineStarts.length > 0) {
      this.lineStarts = lineStarts;
    } else {
      const starts = [0];
      for (let i = 0; i < text.length; i++) if (text[i] === '\n') starts.push(i + 1);
      this.lineStarts = starts;
    }
  }

  position(offset: number): SourcePosition {
    const clamped = Math.max(0, Math.min(offset, this.text.length));
    let low = 0;
    let high = this.lineStarts.length - 1;
    while (low < high) {
      const middle = (low + high + 1) >> 1;
      if (this.lineStarts[middle]! <= clamped) low = middle;
      else high = middle - 1;
    }
    return { line: low + 1, column: clamped - this.lineStarts[low]! + 1 };
  }

  /** The text of a 1-based line, without its line break. */
  lineText(line: number): string {
    const start = this.lineStarts[line - 1];
    if (start === undefined) return '';
    const next = this.lineStarts[line];
    return this.text.slice(start, next === undefined ? this.text.length : next - 1).replace(/\r$/, '');
  }
}
