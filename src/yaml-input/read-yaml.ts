// Reading YAML that a person or a caller supplies (rule sets, monitoring and alert configs, manifests, the config
// file) within fixed bounds, so no input can exhaust the parser: size, nesting depth and alias expansion.
import { createRequire } from 'node:module';
import type { Document, DocumentOptions, ParseOptions, SchemaOptions } from 'yaml';
import { PitstopError, type ErrorCode } from '../errors/index.js';
import { findNestingExcess } from './yaml-nesting.js';

// The yaml package (some seventy modules) is required on first use, synchronously as its callers are: most commands
// read no YAML at all.
const require = createRequire(import.meta.url);

/** The bounds every YAML input is held to (README, "Limits"). */
export const YAML_LIMITS = {
  /** Most bytes of YAML text. */
  maxBytes: 1024 * 1024,
  /** Deepest nesting of mappings, sequences and flow collections. */
  maxDepth: 64,
  /** Most alias references resolved when the document becomes plain data (a "billion laughs" stops here). */
  maxAliasCount: 100,
} as const;

export interface YamlSource {
  /** What the text is, for messages: a file name, or "rule set". */
  readonly source: string;
  /** The error code a refusal carries (RULE_INVALID, VALIDATION_FAILED, MANIFEST_INVALID, CONFIG_INVALID, ...). */
  readonly code: ErrorCode;
}

/** Parses YAML text into a document after checking its size and nesting; the document's own errors are the caller's. */
export function parseBoundedYaml(text: string, where: YamlSource, options: ParseOptions & DocumentOptions & SchemaOptions = {}): Document {
  const bytes = Buffer.byteLength(text, 'utf8');
  if (bytes > YAML_LIMITS.maxBytes) {
    throw new PitstopError(where.code, `${where.source}: ${bytes} bytes of YAML, more than the limit of ${YAML_LIMITS.maxBytes}`);
  }
  const excess = findNestingExcess(text, YAML_LIMITS.maxDepth);
  if (excess) {
    throw new PitstopError(where.code, `${where.source}: nested more than ${YAML_LIMITS.maxDepth} levels deep (line ${excess.line}, column ${excess.column})`);
  }
  return (require('yaml') as typeof import('yaml')).parseDocument(text, options);
}

/** The document as plain data, refusing one whose aliases expand past the limit. */
export function boundedYamlToJs(document: Document, where: YamlSource): unknown {
  try {
    return document.toJS({ maxAliasCount: YAML_LIMITS.maxAliasCount });
  } catch (error) {
    // The yaml package throws a ReferenceError for too many aliases and for an alias to an anchor not yet defined.
    if (error instanceof ReferenceError) throw new PitstopError(where.code, `${where.source}: ${error.message}`, { cause: error });
    throw error;
  }
}

/** Parses YAML text to plain data within the limits; a syntax error is one line naming where it is. */
export function readBoundedYaml(text: string, where: YamlSource): unknown {
  const document = parseBoundedYaml(text, where);
  const error = document.errors[0];
  if (error) {
    const at = error.linePos ? ` (line ${error.linePos[0].line}, column ${error.linePos[0].col})` : '';
    throw new PitstopError(where.code, `${where.source}: not valid YAML${at}: ${error.message.split('\n')[0]}`, { cause: error });
  }
  return boundedYamlToJs(document, where) ?? null;
}
