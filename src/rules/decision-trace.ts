// What a decision did, step by step, so that "why did this user get that answer?" has an answer.

export type TracePhase = 'route' | 'model' | 'provider' | 'after';
export type TraceOutcome = 'matched' | 'not-matched' | 'answered' | 'failed' | 'timed-out' | 'changed' | 'unchanged' | 'skipped';

export interface TraceEntry {
  readonly phase: TracePhase;
  readonly ruleId: string;
  readonly outcome: TraceOutcome;
  /** The model or provider called, the error, how many items were excluded, ... */
  readonly detail?: string;
}
