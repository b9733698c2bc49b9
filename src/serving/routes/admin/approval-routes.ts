// Promotions under a four-eyes policy over HTTP: a deployer asks, another admin key approves or rejects. Without a
// policy, asking promotes at once. The policy itself is set by an admin.
import { PROMOTION_REQUEST_STATUSES, type PromotionRequestStatus } from '../../../store/index.js';
import type { RegisterRoutes } from '../../route-context.js';

const nameParams = { type: 'object', properties: { name: { type: 'string' } }, required: ['name'] };
const idParams = { type: 'object', properties: { id: { type: 'integer', minimum: 1 } }, required: ['id'] };
const reasonBody = { type: 'object', additionalProperties: false, required: ['reason'], properties: { reason: { type: 'string', minLength: 1 } } };

export const registerApprovalRoutes: RegisterRoutes = (app, ctx) => {
  const actor = (request: { callerKeyId: string | null }) => request.callerKeyId ?? 'anonymous';

  app.get<{ Params: { name: string } }>('/admin/models/:name/policy', {
    config: { role: 'viewer' }, schema: { tags: ['admin'], summary: "A model's promotion policy", params: nameParams },
  }, async (request) => ctx.registry.promotionPolicy(request.params.name));

  app.put<{ Params: { name: string }; Body: { require_approval: boolean } }>('/admin/models/:name/policy', {
    config: { role: 'admin' },
    schema: {
      tags: ['admin'], summary: 'Require (or stop requiring) a second admin to approve promotions to production', params: nameParams,
      body: { type: 'object', additionalProperties: false, required: ['require_approval'], properties: { require_approval: { type: 'boolean' } } },
    },
  }, async (request) => ctx.registry.setPromotionPolicy(request.params.name, request.body.require_approval, actor(request)));

  app.post<{ Params: { name: string }; Body: { version: number; reason: string } }>('/admin/models/:name/promotions', {
    config: { role: 'deployer' },
    schema: {
      tags: ['admin'], summary: 'Promote a version to production, or ask for an approval when the policy requires one (202)', params: nameParams,
      body: { type: 'object', additionalProperties: false, required: ['version', 'reason'], properties: { version: { type: 'integer', minimum: 1 }, reason: { type: 'string', minLength: 1 } } },
    },
  }, async (request, reply) => {
    const outcome = await ctx.registry.requestPromotion(request.params.name, request.body.version, request.body.reason, actor(request));
    if (outcome.status === 'pending') return reply.code(202).send(outcome);
    await ctx.deployment.sync();
    return outcome;
  });

  app.get<{ Querystring: { model?: string; status?: PromotionRequestStatus } }>('/admin/promotions', {
    config: { role: 'viewer' },
    schema: {
      tags: ['admin'], summary: 'Promotion requests, newest first (the approval queue is status=pending)',
      querystring: { type: 'object', additionalProperties: false, properties: { model: { type: 'string' }, status: { type: 'string', enum: [...PROMOTION_REQUEST_STATUSES] } } },
    },
  }, async (request) => ({ requests: await ctx.registry.listPromotionRequests(request.query) }));

  app.post<{ Params: { id: number }; Body: { reason: string } }>('/admin/promotions/:id/approve', {
    config: { role: 'admin' }, schema: { tags: ['admin'], summary: 'Approve a pending promotion (not your own) and promote the version', params: idParams, body: reasonBody },
  }, async (request) => {
    const approved = await ctx.registry.approvePromotion(request.params.id, request.body.reason, actor(request));
    await ctx.deployment.sync();
    return approved;
  });

  app.post<{ Params: { id: number }; Body: { reason: string } }>('/admin/promotions/:id/reject', {
    config: { role: 'admin' }, schema: { tags: ['admin'], summary: 'Reject a pending promotion', params: idParams, body: reasonBody },
  }, async (request) => ({ request: await ctx.registry.rejectPromotion(request.params.id, request.body.reason, actor(request)) }));
};
