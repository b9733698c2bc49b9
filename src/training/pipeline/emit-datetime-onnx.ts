// The graph half of a datetime step (datetime-step.ts and date-parts.ts are the JS half): calendar parts from int64
// epoch seconds by integer Div and Mod, mirroring date-parts.ts operation for operation.
import type { DatePart } from './feature-pipeline-config.js';
import type { DatetimeStep } from './fitted-feature-pipeline.js';
import { EARLIEST_DATETIME_SECONDS } from './pipeline-inputs.js';
import { ML_DOMAIN, type PipelineGraphScope } from './pipeline-graph-scope.js';

const FLOAT = 1;

/** Reads the int64 [N, 1] input named after the feature; returns float32 [N, parts]. */
export function emitDatetimeOnnx(scope: PipelineGraphScope, step: DatetimeStep): string {
  const { name } = step;
  const missing = scope.node('Less', [name, scope.int64(EARLIEST_DATETIME_SECONDS)], name, 'missing');
  // Without imputation a missing time still goes through the arithmetic (as 0) and its parts become NaN afterwards.
  const seconds = scope.node('Where', [missing, scope.int64(step.impute ?? 0), name], name, 'seconds');
  const parts = datePartsOnnx(scope, name, seconds, step.parts);
  const joined = parts.length === 1 ? parts[0]! : scope.node('Concat', parts, name, 'parts', { axis: { int: 1 } });
  let x = scope.node('Cast', [joined], name, 'parts-float', { to: { int: FLOAT } });
  if (step.impute === null) x = scope.node('Where', [missing, scope.float(Number.NaN), x], name, 'parts-or-nan');
  if (step.scale !== null) x = scope.node('Scaler', [x], name, 'scaled', { offset: { floats: step.scale.offset }, scale: { floats: step.scale.scale } }, ML_DOMAIN);
  return x;
}

type IntegerOp = (opType: string, label: string, a: string, b: string | number) => string;

/** One int64 [N, 1] tensor per part. ONNX's integer Div truncates, so it only divides what is ≥ 0, or exactly. */
function datePartsOnnx(scope: PipelineGraphScope, feature: string, seconds: string, parts: readonly DatePart[]): string[] {
  const op: IntegerOp = (opType, label, a, b) => scope.node(opType, [a, typeof b === 'number' ? scope.int64(b) : b], feature, label);
  const secondOfDay = op('Mod', 'second-of-day', seconds, 86_400);
  const days = op('Div', 'days', op('Sub', 'midnight', seconds, secondOfDay), 86_400);
  let civil: CivilDate | undefined;
  const civilDate = (): CivilDate => (civil ??= civilFromDaysOnnx(op, days));
  const emitters: Record<DatePart, () => string> = {
    year: () => civilDate().year,
    month: () => civilDate().month,
    day: () => civilDate().day,
    hour: () => op('Div', 'hour', secondOfDay, 3600),
    dayofweek: () => op('Mod', 'dayofweek', op('Add', 'days-from-monday', days, 3), 7),
    dayofyear: () => dayOfYearOnnx(op, days, civilDate().year),
  };
  return parts.map((part) => emitters[part]());
}

interface CivilDate {
  readonly year: string;
  readonly month: string;
  readonly day: string;
}

/** civilFromDays in date-parts.ts, one operator per arithmetic step. */
function civilFromDaysOnnx(op: IntegerOp, days: string): CivilDate {
  const z = op('Add', 'z', days, 719_468);
  const dayOfEra = op('Mod', 'day-of-era', z, 146_097);
  const era = op('Div', 'era', op('Sub', 'era-start', z, dayOfEra), 146_097);
  const yearOfEraDays = op('Sub', 'yoe-c', op('Add', 'yoe-b', op('Sub', 'yoe-a', dayOfEra, op('Div', 'per-1460', dayOfEra, 1460)), op('Div', 'per-36524', dayOfEra, 36_524)), op('Div', 'per-146096', dayOfEra, 146_096));
  const yearOfEra = op('Div', 'year-of-era', yearOfEraDays, 365);
  const leapDays = op('Sub', 'leap-days', op('Div', 'per-4', yearOfEra, 4), op('Div', 'per-100', yearOfEra, 100));
  const dayOfYear = op('Sub', 'day-of-march-year', dayOfEra, op('Add', 'days-before-year', op('Mul', 'year-days', yearOfEra, 365), leapDays));
  const monthFromMarch = op('Div', 'month-from-march', op('Add', 'mp-b', op('Mul', 'mp-a', dayOfYear, 5), 2), 153);
  const monthStart = op('Div', 'month-start', op('Add', 'ms-b', op('Mul', 'ms-a', monthFromMarch, 153), 2), 5);
  return {
    day: op('Add', 'day', op('Sub', 'day-from-0', dayOfYear, monthStart), 1),
    month: op('Add', 'month', op('Mod', 'month-from-0', op('Add', 'mp-plus-2', monthFromMarch, 2), 12), 1),
    year: op('Add', 'year', op('Add', 'march-year', yearOfEra, op('Mul', 'era-years', era, 400)), op('Div', 'jan-feb', monthFromMarch, 10)),
  };
}

/** days - daysFromCivil(year, 1, 1) + 1, as date-parts.ts: January 1st lies in the March-based year before. */
function dayOfYearOnnx(op: IntegerOp, days: string, year: string): string {
  const y = op('Sub', 'jan-year', year, 1);
  const yearOfEra = op('Mod', 'jan-year-of-era', y, 400);
  const era = op('Div', 'jan-era', op('Sub', 'jan-era-start', y, yearOfEra), 400);
  const leapDays = op('Sub', 'jan-leap-days', op('Div', 'jan-per-4', yearOfEra, 4), op('Div', 'jan-per-100', yearOfEra, 100));
  const dayOfEra = op('Add', 'jan-day-of-era', op('Add', 'jan-year-days', op('Mul', 'jan-years-365', yearOfEra, 365), leapDays), 306);
  const january1 = op('Sub', 'january-1', op('Add', 'jan-era-days', op('Mul', 'jan-eras', era, 146_097), dayOfEra), 719_468);
  return op('Add', 'dayofyear', op('Sub', 'days-since-january-1', days, january1), 1);
}
