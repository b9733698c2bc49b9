// Finding where a value sits in the YAML source: the node at a field path, and, inside a scalar, which source
// offset each character of its value came from (quotes, escapes, block indentation and folding shift them).
import { isAlias, isMap, isPair, isScalar, isSeq, type Document, type Node, type Scalar } from 'yaml';

export type FieldPath = readonly (string | number)[];

/**
 * The node at `path`, or the deepest node on the way when the path does not exist (so a missing field is reported
 * at the object that lacks it). With `key`, the last step returns the key's node rather than its value.
 */
export function nodeAt(document: Document, path: FieldPath, options: { key?: boolean } = {}): Node | null {
  return walk(document, path, options.key ?? false).node;
}

/** The node at exactly `path`, or null when the document has no such field. */
export function nodeAtExactly(document: Document, path: FieldPath): Node | null {
  const found = walk(document, path, false);
  return found.complete ? found.node : null;
}

function walk(document: Document, path: FieldPath, key: boolean): { node: Node | null; complete: boolean } {
  let node = document.contents as Node | null;
  for (let i = 0; i < path.length; i++) {
    const step = path[i]!;
    // An alias stands for its anchored node, whose text (and so whose positions) is at the anchor.
    if (isAlias(node)) node = (node.resolve(document) as Node | undefined) ?? node;
    if (isMap(node)) {
      const pair = node.items.find((item) => isPair(item) && isScalar(item.key) && String(item.key.value) === String(step));
      if (!pair) return { node, complete: false };
      const value = pair.value as Node | null;
      if (i === path.length - 1 && key) return { node: pair.key as Node, complete: true };
      // `field:` with nothing after it has no value node; its key is the place to point at.
      if (!value) return { node: pair.key as Node, complete: false };
      node = value;
    } else if (isSeq(node) && typeof step === 'number' && node.items[step]) {
      node = node.items[step] as Node;
    } else {
      return { node, complete: false };
    }
  }
  if (isAlias(node)) node = (node.resolve(document) as Node | undefined) ?? node;
  return { node, complete: true };
}

/** The source offset where a node starts, or 0 when it has none (an empty document). */
export function startOf(node: Node | null): number {
  return node?.range?.[0] ?? 0;
}

/** A scalar's value as expression text: strings as parsed, numbers and booleans exactly as written. */
export function scalarText(source: string, node: Scalar): string {
  if (typeof node.value === 'string') return node.value;
  const range = node.range;
  return range ? source.slice(range[0], range[1]) : String(node.value);
}

/**
 * Maps an offset into a scalar's value to an offset into the source. Each non-blank character of the value is
 * matched to the next equal character of the source, which steps over quotes, escape backslashes, block
 * indentation and folded line breaks without re-implementing YAML's scalar rules.
 */
export function scalarOffsets(source: string, node: Scalar): (offset: number) => number {
  const range = node.range;
  if (!range) return () => 0;
  const [start, end] = range;
  if (typeof node.value !== 'string') return (offset) => Math.min(start + offset, end);
  const value = node.value;
  let cursor = start;
  if (node.type === 'BLOCK_LITERAL' || node.type === 'BLOCK_FOLDED') {
    // Content starts on the line after the `|` / `>` header (which may carry indicators and a comment).
    const lineEnd = source.indexOf('\n', start);
    cursor = lineEnd === -1 || lineEnd >= end ? end : lineEnd + 1;
  } else if (node.type === 'QUOTE_DOUBLE' || node.type === 'QUOTE_SINGLE') {
    cursor = start + 1;
  }
  const offsets: number[] = [];
  // Code units, not code points: offsets into the value are code-unit offsets, and a surrogate matches itself.
  for (let i = 0; i < value.length; i++) {
    const c = value[i]!;
    if (c === ' ' || c === '\n' || c === '\t' || c === '\r') {
      offsets.push(cursor);
      if (source[cursor] === c) cursor++;
      continue;
    }
    let j = cursor;
    while (j < end && source[j] !== c) j++;
    offsets.push(j < end ? j : cursor);
    if (j < end) cursor = j + 1;
  }
  offsets.push(cursor);
  return (offset) => offsets[Math.max(0, Math.min(offset, offsets.length - 1))]!;
}
