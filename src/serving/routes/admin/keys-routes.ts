// /admin/keys: list, create and revoke API keys over HTTP (admin role); secrets are shown once, at creation. A key
// is the caller's own unless `person` names someone else.
import { createKeyOperation, listKeysOperation, revokeKeyOperation } from '../../auth/index.js';
import { ROLES, type Role } from '../../../store/index.js';
import { runOperation } from '../../http-operation.js';
import type { RegisterRoutes } from '../../route-context.js';

export const registerKeysRoutes: RegisterRoutes = (app, ctx) => {
  const { host, keys } = ctx.operations;
  app.get('/admin/keys', { config: { role: 'admin' }, schema: { tags: ['admin'], summary: 'API keys (never their secrets)' } }, (request) =>
    runOperation(host, request, listKeysOperation, keys, {}));

  app.post<{ Body: { role: Role; name: string; rate_limit?: number; person?: string } }>('/admin/keys', {
    config: { role: 'admin' },
    schema: {
      tags: ['admin'],
      summary: "Create an API key (the caller's own, or `person`'s); the key is in this answer only",
      body: {
        type: 'object', additionalProperties: false, required: ['role', 'name'],
        properties: { role: { type: 'string', enum: [...ROLES] }, name: { type: 'string', minLength: 1, maxLength: 200 }, rate_limit: { type: 'number', exclusiveMinimum: 0 }, person: { type: 'string', minLength: 1, maxLength: 200 } },
      },
    },
    async handler(request, reply) {
      const { rate_limit: rateLimit, ...rest } = request.body;
      const created = await runOperation(host, request, createKeyOperation, keys, { ...rest, ...(rateLimit !== undefined ? { rateLimit } : {}) });
      return reply.status(201).send(created);
    },
  });

  app.delete<{ Params: { id: string } }>('/admin/keys/:id', {
    config: { role: 'admin' },
    schema: { tags: ['admin'], summary: 'Revoke an API key', params: { type: 'object', properties: { id: { type: 'string' } }, required: ['id'] } },
  }, (request) => runOperation(host, request, revokeKeyOperation, keys, { id: request.params.id }));
};
