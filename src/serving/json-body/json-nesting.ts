// A linear scan of JSON text for how deeply it nests, run before JSON.parse: the parse itself copes with deep input,
// but everything after it that walks the value recursively (the journal's JSON.stringify, the rules, structured
// clones) runs out of stack somewhere past a few thousand levels.

/** The position where `text` opens its (maxDepth + 1)th nested array or object, or -1 when it never nests that deep. */
export function findJsonNestingExcess(text: string, maxDepth: number): number {
  let depth = 0;
  const length = text.length;
  for (let i = 0; i < length; i++) {
    const code = text.charCodeAt(i);
    if (code === 0x22) {
      // Skip the string: find its closing quote, stepping over escapes. indexOf keeps long strings cheap.
      for (;;) {
        const close = text.indexOf('"', i + 1);
        if (close === -1) return -1; // unterminated: JSON.parse will say so
        let backslashes = 0;
        for (let j = close - 1; text.charCodeAt(j) === 0x5c; j--) backslashes++;
        i = close;
        if (backslashes % 2 === 0) break;
      }
    } else if (code === 0x5b || code === 0x7b) {
      if (++depth > maxDepth) return i;
    } else if (code === 0x5d || code === 0x7d) {
      depth--;
    }
  }
  return -1;
}
