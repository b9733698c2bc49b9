// A cheap scan of YAML text for how deeply it nests, run before the YAML parser: the parser recurses once per level,
// and a few kilobytes of `[[[[...` or `- - - ...` exhaust its stack (and, in one case seen, V8's memory with it).

export interface NestingExcess {
  readonly depth: number;
  readonly line: number;
  readonly column: number;
}

/**
 * Finds the first place where the text nests deeper than maxDepth, counting indentation levels, compact `- `/`? `
 * indicators and open flow brackets. It over-estimates rather than under-estimates (every deeper indentation counts
 * as a level), and it skips quoted text, comments and block scalars' content, so it never refuses text for what a
 * string holds.
 */
export function findNestingExcess(text: string, maxDepth: number): NestingExcess | undefined {
  const indents: number[] = [];
  let flowDepth = 0;
  let quote: '"' | "'" | null = null;
  let blockScalarParent: number | null = null;
  const lines = text.split(/\r?\n/);
  for (let lineIndex = 0; lineIndex < lines.length; lineIndex++) {
    const line = lines[lineIndex]!;
    const indent = line.length - line.trimStart().length;
    if (blockScalarParent !== null) {
      if (line.trim() === '' || indent > blockScalarParent) continue;
      blockScalarParent = null;
    }
    let position = indent;
    if (quote === null && flowDepth === 0) {
      if (line.trim() === '' || line.trimStart().startsWith('#')) continue;
      while (indents.length > 0 && indents[indents.length - 1]! >= indent) indents.pop();
      indents.push(indent);
      // `- - - x` or `? - x`: each compact indicator opens one more level on the same line.
      const compact = /^(?:[-?](?: +|$))+/.exec(line.slice(indent))?.[0] ?? '';
      const compactLevels = (compact.match(/[-?]/g) ?? []).length;
      if (indents.length + compactLevels > maxDepth) return { depth: indents.length + compactLevels, line: lineIndex + 1, column: indent + 1 };
      position += compact.length;
    }
    let previous = ' ';
    for (; position < line.length; position++) {
      const char = line[position]!;
      if (quote === '"') {
        if (char === '\\') position++;
        else if (char === '"') quote = null;
      } else if (quote === "'") {
        if (char === "'" && line[position + 1] === "'") position++;
        else if (char === "'") quote = null;
      } else if ((char === '"' || char === "'") && /[\s[{,:?-]/.test(previous)) {
        quote = char;
      } else if (char === '#' && (position === 0 || /\s/.test(line[position - 1]!))) {
        break;
      } else if (char === '[' || char === '{') {
        flowDepth++;
        const depth = indents.length + flowDepth;
        if (depth > maxDepth) return { depth, line: lineIndex + 1, column: position + 1 };
      } else if ((char === ']' || char === '}') && flowDepth > 0) {
        flowDepth--;
      }
      if (char !== ' ' && char !== '\t') previous = char;
    }
    if (quote === null && flowDepth === 0 && /(?:^|[\s:-])[|>][-+0-9]*\s*(?:#.*)?$/.test(line.slice(indent))) blockScalarParent = indent;
  }
  return undefined;
}
