// Compiles one feature's declaration into a check of one value, so validating a request does no per-value lookups.
import { datetimeEpochSeconds, type Feature, type TensorType } from '../../manifest/index.js';
import type { FeatureValue } from '../../runtime/index.js';
import { describeValue, listForMessage, quote } from './describe-value.js';
import { maxTextLength, numberRepresentation, textProblem } from './value-bounds.js';

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

/** `tensorType`: the input the feature becomes, whose range its numbers must keep (float32, int32). */
export function compileFeatureCheck(feature: Feature, tensorType?: TensorType): FeatureCheck {
  const checkPresent = presentValueCheck(feature, tensorType);
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

function presentValueCheck(feature: Feature, tensorType: TensorType | undefined): PresentCheck {
  switch (feature.type) {
    case 'number':
      return numberCheck(feature, false, tensorType);
    case 'integer':
      return numberCheck(feature, true, tensorType);
    case 'boolean':
      return (value) => (typeof value === 'boolean' ? value : new FeatureProblem(`expected true or false, got ${describeValue(value)}`));
    case 'string': {
      const maxLength = maxTextLength(feature);
      return (value) => {
        if (typeof value !== 'string') return new FeatureProblem(`expected a string, got ${describeValue(value)}`);
        const problem = textProblem(value, maxLength);
        return problem === undefined ? value : new FeatureProblem(problem);
      };
    }
    case 'category':
      return categoryCheck(feature);
    case 'datetime':
      return datetimeCheck(feature);
  }
}

function numberCheck(feature: Feature, integer: boolean, tensorType: TensorType | undefined): PresentCheck {
  const inRange = rangeCheck(feature);
  const representable = numberRepresentation(feature, tensorType);
  const expected = integer ? 'an integer' : 'a number';
  return (value) => {
    if (typeof value !== 'number') return new FeatureProblem(`expected ${expected}, got ${describeValue(value)}`);
    if (!Number.isFinite(value)) return new FeatureProblem(`expected a finite number, got ${value}`);
    if (integer && !Number.isInteger(value)) return new FeatureProblem(`expected an integer, got ${value}`);
    const checked = inRange(value);
    if (checked instanceof FeatureProblem) return checked;
    if (value < representable.min || value > representable.max) return new FeatureProblem(`must be within ${representable.name}, got ${value}`);
    return checked;
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
  const maxLength = maxTextLength(feature);
  const declared = feature.categories ? new Map(feature.categories.map((c) => [String(c), c])) : null;
  const allowed = feature.categories ? listForMessage(feature.categories.map((c) => (typeof c === 'string' ? quote(c) : String(c))), MAX_LISTED_CATEGORIES) : '';
  return (value) => {
    if (typeof value === 'number') {
      if (!Number.isFinite(value)) return new FeatureProblem(`expected a string or a finite number, got ${value}`);
    } else if (typeof value !== 'string') {
      return new FeatureProblem(`expected a string or a number, got ${describeValue(value)}`);
    }
    if (!declared) {
      const problem = typeof value === 'string' ? textProblem(value, maxLength) : undefined;
      return problem === undefined ? value : new FeatureProblem(problem);
    }
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
