// Which names an expression may start from, by where it sits in a rule set. `output` and `model` only exist once
// something has answered, and `item` only inside an exclude rule's `where`.

export const CONTEXT_ROOTS = ['request', 'features', 'headers', 'output', 'model'] as const;
export type ContextRoot = (typeof CONTEXT_ROOTS)[number];
export type ScopeName = ContextRoot | 'item';

export interface ExpressionScope {
  readonly names: ReadonlySet<ScopeName>;
  /** Why a known name is not available here. */
  readonly unavailable: ReadonlyMap<string, string>;
}

const BEFORE_ANSWER = "does not exist before the model or provider answers; use it in an 'after' rule";
const ITEM_ONLY = "is only bound in the 'where' of an exclude rule";

/** The keys of feature lookups: they run before anything else, so only the request is known. */
export const LOOKUP_SCOPE: ExpressionScope = {
  names: new Set<ScopeName>(['request', 'headers']),
  unavailable: new Map([
    ['features', "'features' is what the lookups find; a lookup key can only use the request and headers"],
    ['output', `'output' ${BEFORE_ANSWER}`],
    ['model', `'model' ${BEFORE_ANSWER}`],
    ['item', `'item' ${ITEM_ONLY}`],
  ]),
};

/** Route conditions, provider arguments and model inputs. */
export const ROUTE_SCOPE: ExpressionScope = {
  names: new Set<ScopeName>(['request', 'features', 'headers']),
  unavailable: new Map([
    ['output', `'output' ${BEFORE_ANSWER}`],
    ['model', `'model' ${BEFORE_ANSWER}`],
    ['item', `'item' ${ITEM_ONLY}`],
  ]),
};

/** After-rule conditions, `set` values and exclude lists. */
export const AFTER_SCOPE: ExpressionScope = {
  names: new Set<ScopeName>(CONTEXT_ROOTS),
  unavailable: new Map([['item', `'item' ${ITEM_ONLY}`]]),
};

/** The `where` of an exclude rule, evaluated once per element with the element bound to `item`. */
export const EXCLUDE_WHERE_SCOPE: ExpressionScope = {
  names: new Set<ScopeName>([...CONTEXT_ROOTS, 'item']),
  unavailable: new Map(),
};
