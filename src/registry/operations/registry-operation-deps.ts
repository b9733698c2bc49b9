// What the registry's operations need: the registry, the traffic store, and which aliases only an admin may move.
import { z } from 'zod';
import { STAGES, type ApiKeyStore, type TrafficStore } from '../../store/index.js';
import type { Registry } from '../registry.js';

export interface RegistryOperationDeps {
  readonly registry: Registry;
  readonly traffic: TrafficStore;
  /** Aliases production callers use (default `champion`): moving one needs admin, and under a policy an approval. */
  readonly protectedAliases: ReadonlySet<string>;
  /** API keys, to trace who issued an approving key (absent: only the people themselves are compared). */
  readonly keys?: ApiKeyStore;
}

export const modelName = z.string().min(1).max(200);
export const versionNumber = z.number().int().min(1);
export const reasonText = z.string().trim().min(1, 'needs a reason');
export const stageName = z.enum(STAGES);
export const stageMove = z.object({ version: versionNumber, from: stageName, to: stageName, reason: z.string() });
export const movesOutput = z.object({ model: modelName, moves: z.array(stageMove) });
export const promotionRequest = z.object({
  id: z.number().int(), model: z.string(), version: z.number().int(), reason: z.string(), requestedBy: z.string(), requestedAt: z.string(),
  status: z.enum(['pending', 'approved', 'rejected', 'failed']), decidedBy: z.string().nullable(), decidedAt: z.string().nullable(),
  decisionReason: z.string().nullable(), requestedByPerson: z.string(), decidedByPerson: z.string().nullable(),
});
