// GET /admin/whoami: the key a caller presents, and its role, so a client (the admin GUI) shows only what it may do.
import type { RegisterRoutes } from '../../route-context.js';

export const registerWhoamiRoute: RegisterRoutes = (app, ctx) => {
  app.get('/admin/whoami', {
    config: { role: 'viewer' },
    schema: {
      tags: ['admin'],
      summary: "The calling key's id, name and role",
      response: {
        200: {
          type: 'object', required: ['keyId', 'role', 'name', 'auth'],
          properties: {
            keyId: { type: ['string', 'null'] },
            name: { type: ['string', 'null'] },
            role: { type: 'string', enum: ['viewer', 'predictor', 'deployer', 'admin'] },
            auth: { type: 'string', enum: ['required', 'disabled'], description: 'disabled: the server runs without keys and every caller may do everything' },
          },
        },
      },
    },
    async handler(request) {
      // No key on a route that needs one means the server runs with auth disabled, where everyone may do everything.
      if (request.callerKeyId === null) return { keyId: null, name: null, role: 'admin', auth: 'disabled' };
      const key = await ctx.keys.getKey(request.callerKeyId);
      return { keyId: request.callerKeyId, name: key?.name ?? null, role: request.callerRole, auth: 'required' };
    },
  });
};
