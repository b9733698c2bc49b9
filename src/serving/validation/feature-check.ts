// Compiles one feature's declaration into a check of one value, so validating a request does no per-value lookups.
import { datetimeEpochSeconds, type Feature } from '../../manifest/index.js';
import type { FeatureValue } from '../../runtime/index.js';
import { describeValue, listForMessage, quote } from './describe-value.js';

const MAX_LISTED_CATEGORIES = 10;

/** What is wrong with a value, said as "what was expected, what came". */
export class FeatureProblem {
  constructor(readonly message: string) {}
}

/** The value to pass to the model (normalised, defaults applied), or the problem with it. */
export type FeatureCheck = (value: unknown) => FeatureValue | FeatureProblem;

/** Marks a value that stands for "missing" (NaN in an allowNaN feature). */
const MISSING = Symbol('missing');
type PresentCheck = (value: unknown) => FeatureValue | FeatureProblem | typeof MISSING;

export function compileFeatureCheck(feature: Feature): FeatureCheck {
  const checkPresent = presentValueCheck(feature);
  // Missing values: an optional feature takes its default; allowNaN lets a required one reach the model as missing.
  const missingOk = !feature.required || feature.allowNaN;
  const whenMissing: FeatureValue = feature.required ? null : (feature.default ?? null);
  const absent = missingOk ? whenMissing : new FeatureProblem('required feature is missing');
  const nulled = missingOk ? whenMissing : new FeatureProblem('required feature is null');
  const nanIsMissing = feature.allowNaN;
  return (value) => {
    if (value === undefined) return absent;
    if (value === null) return nulled;
    if (nanIsMissing && Number.isNaN(value)) return whenMissing;
    const checked = checkPresent(value);
    return checked === MISSING ? whenMissing : checked;
  };
}

function presentValueCheck(feature: Feature): PresentCheck {
  switch (feature.type) {
    case 'number':
      return numberCheck(feature, false);
    case 'integer':
      return numberCheck(feature, true);
    case 'boolean':
      return (value) => (typeof value === 'boolean' ? value : new FeatureProblem(`expected true or false, got ${describeValue(value)}`));
    case 'string':
      return (value) => (typeof value === 'string' ? value : new FeatureProblem(`expected a string, got ${describeValue(value)}`));
    case 'category':
      return categoryCheck(feature);
    case 'datetime':
      return datetimeCheck(feature);
  }
}

function numberCheck(feature: Feature, integer: boolean): PresentCheck {
  const inRange = rangeCheck(feature);
  const expected = integer ? 'an integer' : 'a number';
  return (value) => {
    if (typeof value !== 'number') return new FeatureProblem(`expected ${expected}, got ${describeValue(value)}`);
    if (!Number.isFinite(value)) return new FeatureProblem(`expected a finite number, got ${value}`);
    if (integer && !Number.isInteger(value)) return new FeatureProblem(`expected an integer, got ${value}`);
    return inRange(value);
  };
}

function rangeCheck(feature: Feature): (value: number) => number | FeatureProblem {
  const { min, max } = feature;
  if (min !== undefined && max !== undefined) {
    return (value) => (value >= min && value <= max ? value : new FeatureProblem(`must be between ${min} and ${max}, got ${value}`));
  }
  if (min !== undefined) return (value) => (value >= min ? value : new FeatureProblem(`must be at least ${min}, got ${value}`));
  if (max !== undefined) return (value) => (value <= max ? value : new FeatureProblem(`must be at most ${max}, got ${value}`));
  return (value) => value;
}

/** A category is a string or a number, compared with the declared categories as text; the declared spelling is kept. */
function categoryCheck(feature: Feature): PresentCheck {
  const declared = feature.categories ? new Map(feature.categories.map((c) => [String(c), c])) : null;
  const allowed = feature.categories ? listForMessage(feature.categories.map((c) => (typeof c === 'string' ? quote(c) : String(c))), MAX_LISTED_CATEGORIES) : '';
  return (value) => {
    if (typeof value === 'number') {
      if (!Number.isFinite(value)) return new FeatureProblem(`expected a string or a finite number, got ${value}`);
    } else if (typeof value !== 'string') {
      return new FeatureProblem(`expected a string or a number, got ${describeValue(value)}`);
    }
    if (!declared) return value;
    const category = declared.get(String(value));
    return category ?? new FeatureProblem(`must be one of ${allowed}, got ${typeof value === 'string' ? quote(value) : value}`);
  };
}

/** The value is kept as sent (so the log shows it); the range, if declared, is in epoch seconds. */
function datetimeCheck(feature: Feature): PresentCheck {
  const inRange = rangeCheck(feature);
  return (value) => {
    const seconds = datetimeEpochSeconds(value);
    if (seconds === null) return new FeatureProblem(`expected an ISO-8601 date-time or epoch milliseconds, got ${describeValue(value)}`);
    const checked = inRange(seconds);
    return checked instanceof FeatureProblem ? checked : (value as string | number);
  };
}
