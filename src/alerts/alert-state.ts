// The remembered state of one rule between evaluations: what the state machine reads and returns, and what gets stored.
import { z } from 'zod';

export const ALERT_STATUSES = ['inactive', 'pending', 'firing', 'resolved'] as const;
export type AlertStatus = (typeof ALERT_STATUSES)[number];

export interface AlertState {
  readonly status: AlertStatus;
  /** When the current status began. */
  readonly since: Date;
  /** When the current breach began: set while pending or firing, null otherwise. */
  readonly activeAt: Date | null;
  /** When the current (firing) or last (resolved) firing episode began: the notification's startsAt. */
  readonly firedAt: Date | null;
  /** Whether that episode's "firing" notification was due (not silenced); a "resolved" one is only due when it was. */
  readonly announced: boolean;
  /** The last value observed (missing data leaves it as it was). */
  readonly lastValue: number | null;
  /** The time of the last observation taken into account; older or repeated observations are ignored. */
  readonly evaluatedAt: Date;
}

/** Reads a state back from JSON (dates as ISO strings), e.g. from the database. */
export const AlertStateSchema = z.strictObject({
  status: z.enum(ALERT_STATUSES),
  since: z.coerce.date(),
  activeAt: z.coerce.date().nullable(),
  firedAt: z.coerce.date().nullable(),
  announced: z.boolean(),
  lastValue: z.number().nullable(),
  evaluatedAt: z.coerce.date(),
}) satisfies z.ZodType<AlertState, unknown>;
