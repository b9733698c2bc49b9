// How rule problems are reported: each as `file:line:column: message` with the source line and a caret under the
// column, all of a rule set's problems in one RULE_INVALID error so an author fixes them in one pass.
import { PitstopError } from '../errors/index.js';
import type { RuleSourceFile } from './rule-source-file.js';

export interface RuleDiagnostic {
  readonly severity: 'error' | 'warning';
  readonly file: string;
  readonly line: number;
  readonly column: number;
  /** Where in the document, as a field path (`route[1].when`); empty for the document itself. */
  readonly path: string;
  readonly message: string;
  /** The source line and a caret under the column. */
  readonly excerpt: string;
}

export function diagnosticAt(source: RuleSourceFile, offset: number, path: string, message: string, severity: RuleDiagnostic['severity'] = 'error'): RuleDiagnostic {
  const { line, column } = source.position(offset);
  const text = source.lineText(line);
  const excerpt = `${text}\n${' '.repeat(Math.max(0, column - 1))}^`;
  return { severity, file: source.name, line, column, path, message, excerpt };
}

/** `rules.yaml:7:23: unknown function 'clmap' (did you mean clamp?)` */
export function formatDiagnostic(diagnostic: RuleDiagnostic): string {
  return `${diagnostic.file}:${diagnostic.line}:${diagnostic.column}: ${diagnostic.message}`;
}

/** A rule set or expression that cannot be deployed; `line` and `column` are those of the first problem. */
export class RuleError extends PitstopError {
  readonly line: number;
  readonly column: number;
  readonly file: string;

  constructor(readonly diagnostics: readonly RuleDiagnostic[]) {
    const first = diagnostics[0];
    if (!first) throw new TypeError('RuleError needs at least one diagnostic');
    const more = diagnostics.length > 1 ? ` (and ${diagnostics.length - 1} more)` : '';
    super('RULE_INVALID', `${formatDiagnostic(first)}${more}`, {
      field: first.path || undefined,
      errors: diagnostics.map((d) => ({ field: d.path, message: formatDiagnostic(d) })),
      details: { file: first.file, line: first.line, column: first.column, excerpt: first.excerpt },
    });
    this.line = first.line;
    this.column = first.column;
    this.file = first.file;
  }
}
