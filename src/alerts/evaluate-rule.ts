// The alert state machine, pure: one rule, its previous state and one observation in; the next state and any transition out.
// inactive → pending on a breach (straight to firing when `for` is 0s); pending → firing once breaching for `for`;
// pending → inactive when the value recovers first (the clock restarts at the next breach); firing → resolved only once
// the value is past resolveThreshold (hysteresis); resolved → pending/firing on a new breach,
// → inactive otherwise. Missing data (null or NaN) changes nothing but evaluatedAt: it neither fires nor resolves, and a
// pending clock keeps running across it, so a breach seen on both sides of a gap counts as continuous.
import { breaches, recovers, type AlertRule } from './alert-rule-schema.js';
import type { AlertState, AlertStatus } from './alert-state.js';
import { formatDuration, parseDuration } from './parse-duration.js';

export interface Observation {
  readonly at: Date;
  /** null: the metric was not computed this time (no traffic, no labels yet). */
  readonly value: number | null;
}

export interface AlertTransition {
  readonly from: AlertStatus;
  /** `firing → firing` announces an alert that started firing while silenced, at the first evaluation after the silence. */
  readonly to: AlertStatus;
  readonly at: Date;
  readonly value: number;
  readonly reason: string;
  /** The transition happened inside a silence window. */
  readonly silenced: boolean;
  /** A notification is due: a firing or resolved transition, not silenced, and (for resolved) one whose firing was announced. */
  readonly notify: boolean;
}

export interface RuleEvaluation {
  readonly state: AlertState;
  readonly transition: AlertTransition | null;
}

type EvaluatedRule = Pick<AlertRule, 'metric' | 'op' | 'threshold' | 'resolveThreshold' | 'for'>;

/**
 * Advances one rule by one observation. An observation not later than the state's evaluatedAt is ignored, so that
 * re-running an evaluation (a retried job, a replay) never produces a second transition or notification.
 * `silencedUntil`: observations before it are silenced. Throws only for a `for` that is not a duration (the schema refuses those).
 */
export function evaluateRule(rule: EvaluatedRule, previous: AlertState | undefined, observation: Observation, silencedUntil?: Date): RuleEvaluation {
  const { at, value } = observation;
  if (previous && at.getTime() <= previous.evaluatedAt.getTime()) return { state: previous, transition: null };
  const state = previous ?? initialState(at);
  if (value === null || Number.isNaN(value)) return { state: { ...state, evaluatedAt: at }, transition: null };

  const silenced = silencedUntil !== undefined && at.getTime() < silencedUntil.getTime();
  const seen: AlertState = { ...state, lastValue: value, evaluatedAt: at };
  const move = (to: AlertStatus, changes: Partial<AlertState>, reason: string, notify: boolean): RuleEvaluation => ({
    state: { ...seen, status: to, since: to === state.status ? state.since : at, ...changes },
    transition: { from: state.status, to, at, value, reason, silenced, notify: notify && !silenced },
  });
  const forMs = parseDuration(rule.for);
  const breach = `${rule.metric} ${value} ${rule.op} ${rule.threshold}`;

  switch (state.status) {
    case 'inactive':
    case 'resolved':
      if (breaches(rule, value)) {
        return forMs === 0
          ? move('firing', { activeAt: at, firedAt: at, announced: !silenced }, breach, true)
          : move('pending', { activeAt: at }, `${breach}; fires if it lasts ${rule.for}`, false);
      }
      return state.status === 'resolved' ? move('inactive', {}, `${rule.metric} ${value} stays clear of ${rule.threshold}`, false) : { state: seen, transition: null };
    case 'pending': {
      if (!breaches(rule, value)) return move('inactive', { activeAt: null }, `${rule.metric} ${value} recovered before ${rule.for} had passed`, false);
      const breachedForMs = at.getTime() - (state.activeAt ?? state.since).getTime();
      if (breachedForMs < forMs) return { state: seen, transition: null };
      return move('firing', { firedAt: at, announced: !silenced }, `${breach} for ${formatDuration(breachedForMs)}`, true);
    }
    case 'firing':
      if (recovers(rule, value)) {
        const resolveThreshold = rule.resolveThreshold ?? rule.threshold;
        return move('resolved', { activeAt: null }, `${rule.metric} ${value} no longer ${rule.op} ${resolveThreshold}`, state.announced);
      }
      if (!state.announced && !silenced) return move('firing', { announced: true }, `${breach}; the silence has ended`, true);
      return { state: seen, transition: null };
  }
}

function initialState(at: Date): AlertState {
  return { status: 'inactive', since: at, activeAt: null, firedAt: null, announced: false, lastValue: null, evaluatedAt: at };
}

/** The observation a rule makes of one evaluation's metrics: its metric's value, or null when the job did not report it. */
export function observationFor(rule: Pick<AlertRule, 'metric'>, metrics: Readonly<Record<string, number | null | undefined>>, at: Date): Observation {
  const value = Object.hasOwn(metrics, rule.metric) ? metrics[rule.metric] : undefined;
  return { at, value: value ?? null };
}
