// Canary and shadow traffic. A canary answers production callers, so under an approval policy it may only name the
// version in production (an unapproved version needs an approved promotion first); a shadow's answers are only logged.
import { z } from 'zod';
import { actorOf, defineOperation } from '../../operations/index.js';
import { modelName, versionNumber, type RegistryOperationDeps } from './registry-operation-deps.js';

const split = z.object({ version: versionNumber, percent: z.number().min(0).max(100) }).strict().nullable();
const trafficOutput = z.object({ model: z.string(), canary: split, shadow: split });

export const getTrafficOperation = defineOperation({
  name: 'registry.get_traffic',
  summary: "reading a model's canary and shadow",
  input: z.object({ model: modelName }),
  output: trafficOutput,
  role: 'viewer',
  audit: 'none',
  async run(deps: RegistryOperationDeps, input) {
    await deps.registry.getModel(input.model);
    return (await deps.traffic.getTraffic(input.model)) ?? { model: input.model, canary: null, shadow: null };
  },
});

export const setTrafficOperation = defineOperation({
  name: 'registry.set_traffic',
  summary: "setting a model's canary and shadow",
  /** An absent canary or shadow keeps the current one; null clears it. */
  input: z.object({ model: modelName, canary: split.optional(), shadow: split.optional() }),
  output: trafficOutput,
  role: 'deployer',
  audit: 'store',
  changesServing: true,
  async run(deps: RegistryOperationDeps, input, caller) {
    await deps.registry.getModel(input.model);
    if (input.canary && input.canary.percent > 0) await deps.registry.refuseUnapprovedServing(input.model, input.canary.version, 'canary');
    if (input.canary) await deps.registry.getVersion(input.model, input.canary.version);
    if (input.shadow) await deps.registry.getVersion(input.model, input.shadow.version);
    const current = await deps.traffic.getTraffic(input.model);
    return deps.traffic.setTraffic(input.model, {
      canary: input.canary === undefined ? (current?.canary ?? null) : input.canary,
      shadow: input.shadow === undefined ? (current?.shadow ?? null) : input.shadow,
    }, actorOf(caller));
  },
});
