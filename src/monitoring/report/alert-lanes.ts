// Alert events turned into lanes: per rule, the periods it spent pending or firing within the report's window,
// read from its state changes (a rule already pending or firing when the window opened starts there).
import type { AlertEvent, AlertSeverity, AlertStatus } from './monitoring-report.js';
import { parseInstant } from './time-axis.js';

export interface AlertPeriod {
  readonly status: 'pending' | 'firing';
  /** Milliseconds since the epoch, clipped to the window. */
  readonly from: number;
  readonly to: number;
  /** Still in this status when the window closed. */
  readonly open: boolean;
}

export interface AlertLane {
  readonly rule: string;
  readonly metric: string;
  /** The severity of the rule's latest event. */
  readonly severity: AlertSeverity;
  readonly periods: readonly AlertPeriod[];
  /** The status the rule ended the window in. */
  readonly status: AlertStatus;
}

/** A lane per rule, in order of first event; events whose time is not a date are ignored. */
export function alertLanes(events: readonly AlertEvent[], window: readonly [number, number]): AlertLane[] {
  const byRule = new Map<string, { event: AlertEvent; at: number }[]>();
  for (const event of events) {
    const at = parseInstant(event.at);
    if (at === null) continue;
    const list = byRule.get(event.rule) ?? [];
    list.push({ event, at });
    byRule.set(event.rule, list);
  }
  return [...byRule].map(([rule, list]) => {
    list.sort((a, b) => a.at - b.at);
    const periods: AlertPeriod[] = [];
    let status: AlertStatus = list[0]!.event.from;
    let since = window[0];
    const close = (until: number, open: boolean) => {
      const from = Math.max(since, window[0]);
      const to = Math.min(until, window[1]);
      if ((status === 'pending' || status === 'firing') && to >= from) periods.push({ status, from, to, open });
    };
    for (const { event, at } of list) {
      // firing → firing announces an alert that fired during a silence: the same period goes on.
      if (event.to === status) continue;
      close(at, false);
      status = event.to;
      since = at;
    }
    close(window[1], true);
    const last = list[list.length - 1]!.event;
    return { rule, metric: last.metric, severity: last.severity, periods, status };
  });
}
