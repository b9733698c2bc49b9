// The four-eyes rule for production: a model's policy, asking for a promotion, approving and rejecting one. The
// two-person rule compares people (a key's owner), so a key someone made for themselves cannot approve their request.
import { z } from 'zod';
import { PitstopError } from '../../errors/index.js';
import { actorOf, defineOperation } from '../../operations/index.js';
import { PROMOTION_REQUEST_STATUSES } from '../../store/index.js';
import { modelName, promotionRequest, reasonText, stageMove, versionNumber, type RegistryOperationDeps } from './registry-operation-deps.js';

const policyOutput = z.object({ model: z.string(), requireApproval: z.boolean(), requireSignature: z.boolean(), updatedBy: z.string().nullable(), updatedAt: z.string().nullable() });

export const getPolicyOperation = defineOperation({
  name: 'registry.get_policy',
  summary: "reading a model's promotion policy",
  input: z.object({ model: modelName }),
  output: policyOutput,
  role: 'viewer',
  audit: 'none',
  run: (deps: RegistryOperationDeps, input) => deps.registry.promotionPolicy(input.model),
});

export const setPolicyOperation = defineOperation({
  name: 'registry.set_policy',
  summary: "setting a model's promotion policy",
  input: z
    .object({ model: modelName, requireApproval: z.boolean().optional(), requireSignature: z.boolean().optional() })
    .refine((i) => i.requireApproval !== undefined || i.requireSignature !== undefined, { message: 'set requireApproval, requireSignature or both', path: ['requireApproval'] }),
  output: policyOutput,
  role: 'admin',
  audit: 'store',
  run: (deps: RegistryOperationDeps, input, caller) => deps.registry.setPromotionPolicy(input.model, { ...(input.requireApproval !== undefined && { requireApproval: input.requireApproval }), ...(input.requireSignature !== undefined && { requireSignature: input.requireSignature }) }, actorOf(caller)),
});

export const requestPromotionOperation = defineOperation({
  name: 'registry.request_promotion',
  summary: 'promoting a version to production',
  input: z.object({ model: modelName, version: versionNumber, reason: reasonText }),
  output: z.union([
    z.object({ status: z.literal('promoted'), moves: z.array(stageMove) }),
    z.object({ status: z.literal('pending'), request: promotionRequest }),
  ]),
  role: 'deployer',
  audit: 'store',
  changesServing: true,
  run: (deps: RegistryOperationDeps, input, caller) => deps.registry.requestPromotion(input.model, input.version, input.reason, actorOf(caller), caller.person),
});

export const listPromotionsOperation = defineOperation({
  name: 'registry.list_promotions',
  summary: 'listing promotion requests',
  input: z.object({ model: modelName.optional(), status: z.enum(PROMOTION_REQUEST_STATUSES).optional() }),
  output: z.object({ requests: z.array(promotionRequest) }),
  role: 'viewer',
  audit: 'none',
  async run(deps: RegistryOperationDeps, input) {
    return { requests: await deps.registry.listPromotionRequests({ ...(input.model ? { model: input.model } : {}), ...(input.status ? { status: input.status } : {}) }) };
  },
});

export const approvePromotionOperation = defineOperation({
  name: 'registry.approve_promotion',
  summary: 'approving a promotion request',
  input: z.object({ request: z.number().int().min(1), reason: reasonText }),
  output: z.object({ request: promotionRequest, moves: z.array(stageMove) }),
  role: 'admin',
  audit: 'store',
  changesServing: true,
  async run(deps: RegistryOperationDeps, input, caller) {
    if (caller.keyId !== null && deps.keys) await refuseKeysIssuedByRequester(deps, input.request, caller.keyId);
    return deps.registry.approvePromotion(input.request, input.reason, actorOf(caller), caller.person);
  },
});

/** How far up a chain of keys creating keys the two-person rule looks; real chains are one or two long. */
const MAX_ISSUER_DEPTH = 16;

/**
 * An approving key must not trace back to the requester: a key they created, for themselves or in anyone's name, or
 * one created by such a key, is theirs to use, so it cannot be the second person.
 */
async function refuseKeysIssuedByRequester(deps: RegistryOperationDeps, requestId: number, keyId: string): Promise<void> {
  const request = (await deps.registry.listPromotionRequests({})).find((r) => r.id === requestId);
  if (!request) return; // approvePromotion answers APPROVAL_NOT_FOUND
  let current = await deps.keys!.getKey(keyId);
  for (let depth = 0; current && depth < MAX_ISSUER_DEPTH; depth++) {
    const issuer = current.createdBy;
    const issuerKey = issuer.startsWith('psk_') ? await deps.keys!.getKey(issuer) : undefined;
    const issuerPerson = issuerKey?.person ?? issuer;
    if (issuerPerson === request.requestedByPerson || issuer === request.requestedBy) {
      throw new PitstopError('APPROVAL_CONFLICT', `key ${keyId} was issued by ${request.requestedByPerson}, who asked for promotion request #${requestId}; another person must approve it with a key they did not receive from the requester`, { field: 'request' });
    }
    current = issuerKey;
  }
}

export const rejectPromotionOperation = defineOperation({
  name: 'registry.reject_promotion',
  summary: 'rejecting a promotion request',
  input: z.object({ request: z.number().int().min(1), reason: reasonText }),
  output: z.object({ request: promotionRequest }),
  role: 'admin',
  audit: 'store',
  async run(deps: RegistryOperationDeps, input, caller) {
    return { request: await deps.registry.rejectPromotion(input.request, input.reason, actorOf(caller)) };
  },
});
