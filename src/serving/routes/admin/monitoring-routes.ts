// GET /admin/models/{name}/monitoring: the model's monitoring report (drift, performance, operations, alerts) as JSON,
// for the admin GUI; POST /admin/monitoring/run runs a pass now.
import { PitstopError } from '../../../errors/index.js';
import { monitoringReportOperation, runMonitoringOperation, type MonitoringOperationDeps, type MonitoringService } from '../../../monitoring/index.js';
import { runOperation } from '../../http-operation.js';
import type { RegisterRoutes } from '../../route-context.js';

export function monitoringRoutes(monitoring: MonitoringService | null): RegisterRoutes {
  return (app, ctx) => {
    const deps = (): MonitoringOperationDeps => {
      if (!monitoring) throw new PitstopError('NOT_READY', 'monitoring is off on this server (start it with --monitor-interval)', { field: 'monitoring' });
      return { service: monitoring };
    };

    app.get<{ Params: { name: string }; Querystring: { window?: string } }>('/admin/models/:name/monitoring', {
      config: { role: 'viewer' },
      schema: {
        tags: ['admin'], summary: 'Drift, performance, operations and alerts of a model over a period',
        params: { type: 'object', properties: { name: { type: 'string' } }, required: ['name'] },
        querystring: { type: 'object', additionalProperties: false, properties: { window: { type: 'string', description: 'e.g. 24h (default), 7d' } } },
      },
    }, (request) => runOperation(ctx.operations.host, request, monitoringReportOperation, deps(), { model: request.params.name, ...request.query }));

    app.post('/admin/monitoring/run', { config: { role: 'deployer' }, schema: { tags: ['admin'], summary: 'Run a monitoring pass now (windows, alerts, retraining)' } }, async (request) => {
      const pass = await runOperation(ctx.operations.host, request, runMonitoringOperation, deps(), {});
      return { windows: pass.windows, events: pass.events, retrained: pass.retrained };
    });
  };
}
