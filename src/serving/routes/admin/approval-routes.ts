// Promotions under a four-eyes policy over HTTP: a deployer asks, another person (an admin) approves or rejects.
// Without a policy, asking promotes at once. The policy itself is set by an admin. The operations hold every rule.
import {
  approvePromotionOperation, getPolicyOperation, listPromotionsOperation, rejectPromotionOperation, requestPromotionOperation, setPolicyOperation,
} from '../../../registry/operations/index.js';
import { PROMOTION_REQUEST_STATUSES, type PromotionRequestStatus } from '../../../store/index.js';
import { runOperation } from '../../http-operation.js';
import type { RegisterRoutes } from '../../route-context.js';

const nameParams = { type: 'object', properties: { name: { type: 'string' } }, required: ['name'] };
const idParams = { type: 'object', properties: { id: { type: 'integer', minimum: 1 } }, required: ['id'] };
const reasonBody = { type: 'object', additionalProperties: false, required: ['reason'], properties: { reason: { type: 'string', minLength: 1 } } };

export const registerApprovalRoutes: RegisterRoutes = (app, ctx) => {
  const { host, registry } = ctx.operations;

  app.get<{ Params: { name: string } }>('/admin/models/:name/policy', {
    config: { role: 'viewer' }, schema: { tags: ['admin'], summary: "A model's promotion policy", params: nameParams },
  }, (request) => runOperation(host, request, getPolicyOperation, registry, { model: request.params.name }));

  app.put<{ Params: { name: string }; Body: { require_approval?: boolean; require_signature?: boolean } }>('/admin/models/:name/policy', {
    config: { role: 'admin' },
    schema: {
      tags: ['admin'], summary: 'Require (or stop requiring) a second person to approve what answers production traffic, or signed packages for every new version', params: nameParams,
      body: { type: 'object', additionalProperties: false, minProperties: 1, properties: { require_approval: { type: 'boolean' }, require_signature: { type: 'boolean' } } },
    },
  }, (request) => runOperation(host, request, setPolicyOperation, registry, {
    model: request.params.name,
    ...(request.body.require_approval !== undefined && { requireApproval: request.body.require_approval }),
    ...(request.body.require_signature !== undefined && { requireSignature: request.body.require_signature }),
  }));

  app.post<{ Params: { name: string }; Body: { version: number; reason: string } }>('/admin/models/:name/promotions', {
    config: { role: 'deployer' },
    schema: {
      tags: ['admin'], summary: 'Promote a version to production, or ask for an approval when the policy requires one (202)', params: nameParams,
      body: { type: 'object', additionalProperties: false, required: ['version', 'reason'], properties: { version: { type: 'integer', minimum: 1 }, reason: { type: 'string', minLength: 1 } } },
    },
  }, async (request, reply) => {
    const outcome = await runOperation(host, request, requestPromotionOperation, registry, { model: request.params.name, ...request.body });
    return reply.code(outcome.status === 'pending' ? 202 : 200).send(outcome);
  });

  app.get<{ Querystring: { model?: string; status?: PromotionRequestStatus } }>('/admin/promotions', {
    config: { role: 'viewer' },
    schema: {
      tags: ['admin'], summary: 'Promotion requests, newest first (the approval queue is status=pending)',
      querystring: { type: 'object', additionalProperties: false, properties: { model: { type: 'string' }, status: { type: 'string', enum: [...PROMOTION_REQUEST_STATUSES] } } },
    },
  }, (request) => runOperation(host, request, listPromotionsOperation, registry, request.query));

  app.post<{ Params: { id: number }; Body: { reason: string } }>('/admin/promotions/:id/approve', {
    config: { role: 'admin' }, schema: { tags: ['admin'], summary: "Approve a pending promotion (another person's) and promote the version", params: idParams, body: reasonBody },
  }, (request) => runOperation(host, request, approvePromotionOperation, registry, { request: request.params.id, reason: request.body.reason }));

  app.post<{ Params: { id: number }; Body: { reason: string } }>('/admin/promotions/:id/reject', {
    config: { role: 'admin' }, schema: { tags: ['admin'], summary: 'Reject a pending promotion', params: idParams, body: reasonBody },
  }, (request) => runOperation(host, request, rejectPromotionOperation, registry, { request: request.params.id, reason: request.body.reason }));
};
