// GET /admin/models/{name}/monitoring: the model's monitoring report (drift, performance, operations, alerts) as JSON,
// for the admin GUI; POST /admin/monitoring/run runs a pass now.
import { parseDuration } from '../../../alerts/index.js';
import { PitstopError } from '../../../errors/index.js';
import type { MonitoringService } from '../../../monitoring/index.js';
import type { RegisterRoutes } from '../../route-context.js';

export function monitoringRoutes(monitoring: MonitoringService | null): RegisterRoutes {
  return (app) => {
    const service = () => {
      if (!monitoring) throw new PitstopError('NOT_READY', 'monitoring is off on this server (start it with --monitor-interval)', { field: 'monitoring' });
      return monitoring;
    };
    app.get<{ Params: { name: string }; Querystring: { window?: string } }>('/admin/models/:name/monitoring', {
      config: { role: 'viewer' },
      schema: {
        tags: ['admin'], summary: 'Drift, performance, operations and alerts of a model over a period',
        params: { type: 'object', properties: { name: { type: 'string' } }, required: ['name'] },
        querystring: { type: 'object', additionalProperties: false, properties: { window: { type: 'string', description: 'e.g. 24h (default), 7d' } } },
      },
      async handler(request) {
        const span = durationParam(request.query.window ?? '24h');
        const now = new Date();
        return service().report(request.params.name, { from: new Date(now.getTime() - span), to: now, label: `last ${request.query.window ?? '24h'}` }, now);
      },
    });
    app.post('/admin/monitoring/run', { config: { role: 'deployer' }, schema: { tags: ['admin'], summary: 'Run a monitoring pass now (windows, alerts, retraining)' } }, async () => {
      const pass = await service().runPass();
      return { windows: pass.windows, events: pass.events, retrained: pass.retrained };
    });
  };
}

function durationParam(text: string): number {
  try {
    return parseDuration(text);
  } catch (error) {
    throw new PitstopError('VALIDATION_FAILED', `window: ${(error as Error).message}`, { field: 'window' });
  }
}
