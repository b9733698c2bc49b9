// Monitoring's admin operations: a model's report over a window (a read) and a monitoring pass run on demand (windows
// summarised, alert rules evaluated, retraining started), the same from `pitstop monitor` and the admin routes.
import { z } from 'zod';
import { parseDuration } from '../alerts/index.js';
import { defineOperation } from '../operations/index.js';
import type { MonitoringPass, MonitoringService } from './monitoring-service.js';

export interface MonitoringOperationDeps {
  readonly service: MonitoringService;
}

const span = z.string().refine((text) => { try { parseDuration(text); return true; } catch { return false; } }, 'is a span such as 24h or 7d');

export const monitoringReportOperation = defineOperation({
  name: 'monitoring.report',
  summary: "reading a model's monitoring report",
  input: z.object({ model: z.string().min(1), window: span.default('24h') }),
  output: z.object({ model: z.string() }).passthrough(),
  role: 'viewer',
  audit: 'none',
  run(deps: MonitoringOperationDeps, input) {
    const now = new Date();
    return deps.service.report(input.model, { from: new Date(now.getTime() - parseDuration(input.window)), to: now, label: `last ${input.window}` }, now);
  },
});

export const runMonitoringOperation = defineOperation({
  name: 'monitoring.run',
  summary: 'running a monitoring pass',
  input: z.object({}),
  output: z.object({ windows: z.number().int(), events: z.array(z.unknown()), retrained: z.array(z.unknown()) }).passthrough(),
  role: 'deployer',
  audit: (_input, pass: MonitoringPass) => ({
    action: 'monitoring.ran', model: null, version: null, fromStage: null, toStage: null, reason: null,
    details: { windows: pass.windows, alertChanges: pass.events.length, retrained: pass.retrained.length },
  }),
  run: (deps: MonitoringOperationDeps) => deps.service.runPass(),
});
