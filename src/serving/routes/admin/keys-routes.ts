// /admin/keys: list, create and revoke API keys over HTTP (admin role); secrets are shown once, at creation.
import { PitstopError } from '../../../errors/index.js';
import { ROLES, type Role } from '../../../store/index.js';
import { generateApiKey } from '../../auth/index.js';
import type { RegisterRoutes } from '../../route-context.js';

export const registerKeysRoutes: RegisterRoutes = (app, ctx) => {
  app.get('/admin/keys', { config: { role: 'admin' }, schema: { tags: ['admin'], summary: 'API keys (never their secrets)' } }, async () => ({
    keys: (await ctx.keys.listKeys()).map(({ secretHash: _hash, salt: _salt, ...visible }) => visible),
  }));

  app.post<{ Body: { role: Role; name: string; rate_limit?: number } }>('/admin/keys', {
    config: { role: 'admin' },
    schema: {
      tags: ['admin'],
      summary: 'Create an API key; the key is in this answer only',
      body: { type: 'object', additionalProperties: false, required: ['role', 'name'], properties: { role: { type: 'string', enum: [...ROLES] }, name: { type: 'string', minLength: 1, maxLength: 200 }, rate_limit: { type: 'number', exclusiveMinimum: 0 } } },
    },
    async handler(request, reply) {
      const generated = generateApiKey();
      const record = await ctx.keys.createKey({
        id: generated.id, name: request.body.name, role: request.body.role, secretHash: generated.secretHash, salt: generated.salt,
        createdBy: request.callerKeyId ?? 'anonymous', rateLimit: request.body.rate_limit ?? null,
      });
      return reply.status(201).send({ id: record.id, role: record.role, name: record.name, key: generated.token });
    },
  });

  app.delete<{ Params: { id: string } }>('/admin/keys/:id', {
    config: { role: 'admin' },
    schema: { tags: ['admin'], summary: 'Revoke an API key', params: { type: 'object', properties: { id: { type: 'string' } }, required: ['id'] } },
    async handler(request) {
      if (!(await ctx.keys.revokeKey(request.params.id, request.callerKeyId ?? 'anonymous'))) {
        throw new PitstopError('VALIDATION_FAILED', `no active key ${request.params.id}`, { field: 'id' });
      }
      return { id: request.params.id, revoked: true };
    },
  });
};
