// A rule set ready to evaluate: every expression parsed and checked, every name resolved at compile time.
import type { CompiledExpression } from './compile-expression.js';
import type { RuleDiagnostic } from './rule-error.js';
import type { RuleLimits } from './rule-limits.js';

/** A named expression: a provider argument, a model input field or a field an after rule sets. */
export interface CompiledField {
  readonly name: string;
  readonly expression: CompiledExpression;
}

export interface ProviderCall {
  readonly provider: string;
  readonly args: readonly CompiledField[];
}

export type RouteAction =
  | { readonly kind: 'respond'; readonly call: ProviderCall }
  | {
      readonly kind: 'model';
      readonly name: string;
      /** A version number, alias or stage, as text; the caller's registry resolves it. */
      readonly version: string;
      /** null: the model is called with the request's features. */
      readonly input: readonly CompiledField[] | null;
      readonly fallback: ProviderCall | null;
      readonly timeoutMs: number;
    };

export interface CompiledRouteRule {
  readonly id: string;
  /** null: always matches. */
  readonly when: CompiledExpression | null;
  readonly action: RouteAction;
}

export type AfterAction =
  | { readonly kind: 'set'; readonly fields: readonly CompiledField[] }
  | {
      readonly kind: 'exclude';
      readonly items: CompiledExpression;
      /** Where the list sits in the output (`output.items` is ['items']), so the filtered list can be put back. */
      readonly itemsPath: readonly (string | number)[];
      readonly where: CompiledExpression;
    };

export interface CompiledAfterRule {
  readonly id: string;
  readonly when: CompiledExpression | null;
  readonly action: AfterAction;
}

/** A feature-store lookup run before the rules: the row of `table` whose key is `key`'s value. */
export interface CompiledLookup {
  readonly table: string;
  readonly key: CompiledExpression;
  readonly required: boolean;
}

export interface CompiledRuleSet {
  readonly name: string;
  readonly description: string | null;
  readonly lookups: readonly CompiledLookup[];
  /** The file name used in messages. */
  readonly file: string;
  readonly route: readonly CompiledRouteRule[];
  readonly after: readonly CompiledAfterRule[];
  readonly warnings: readonly RuleDiagnostic[];
  readonly limits: RuleLimits;
}
