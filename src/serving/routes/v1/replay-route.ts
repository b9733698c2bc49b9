// GET /v1/predictions/{id}/replay: re-runs a logged prediction with the package that made it and compares the answers.
import { replayPrediction, ReplaySessions, type ReplayDeps } from '../../../archive/index.js';
import type { RegisterRoutes } from '../../route-context.js';

export function replayRoutes(deps: ReplayDeps): RegisterRoutes {
  // The last few versions' sessions stay loaded between calls (an auditor replays many predictions of the same few
  // versions); older ones are released, so a long-running server does not keep every version it ever replayed.
  const sessions = new ReplaySessions(deps.registry);
  return (app) => {
    app.addHook('onClose', async () => sessions.close());
    app.get<{ Params: { id: string } }>('/v1/predictions/:id/replay', {
      config: { role: 'viewer' },
      schema: {
        tags: ['audit'], summary: 'Replay a logged prediction with the exact package that made it',
        params: { type: 'object', properties: { id: { type: 'string' } }, required: ['id'] },
      },
      handler: async (request) => replayPrediction(deps, request.params.id, sessions),
    });
  };
}
