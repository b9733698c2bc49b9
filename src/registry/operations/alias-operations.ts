// Aliases: pointing one at a version and removing it. A protected alias (e.g. `champion`) is what production callers
// address, so moving it needs admin and, under an approval policy, may only name the version in production.
import { z } from 'zod';
import { actorOf, defineOperation, type RoleNeed } from '../../operations/index.js';
import { modelName, versionNumber, type RegistryOperationDeps } from './registry-operation-deps.js';

const aliasName = z.string().min(1).max(64);

export function aliasRole(protectedAliases: ReadonlySet<string>) {
  return (input: { alias: string }): RoleNeed =>
    (protectedAliases.has(input.alias) ? { role: 'admin', because: `alias "${input.alias}" is protected: production callers use it`, field: 'alias' } : { role: 'deployer' });
}

export const setAliasOperation = defineOperation({
  name: 'registry.set_alias',
  summary: 'pointing an alias at a version',
  input: z.object({ model: modelName, alias: aliasName, version: versionNumber }),
  output: z.object({ model: z.string(), alias: z.string(), version: z.number().int(), previousVersion: z.number().int().nullable() }),
  // Replaced per host by aliasOperations(); 'admin' is the safe default for a host that names no protected aliases.
  role: 'admin',
  audit: 'store',
  changesServing: true,
  async run(deps: RegistryOperationDeps, input, caller) {
    if (deps.protectedAliases.has(input.alias)) await deps.registry.refuseUnapprovedServing(input.model, input.version, 'alias');
    const previousVersion = await deps.registry.setAlias(input.model, input.alias, input.version, actorOf(caller));
    return { model: input.model, alias: input.alias, version: input.version, previousVersion };
  },
});

export const removeAliasOperation = defineOperation({
  name: 'registry.remove_alias',
  summary: 'removing an alias',
  input: z.object({ model: modelName, alias: aliasName }),
  output: z.object({ model: z.string(), alias: z.string(), removedFromVersion: z.number().int() }),
  role: 'admin',
  audit: 'store',
  changesServing: true,
  async run(deps: RegistryOperationDeps, input, caller) {
    return { model: input.model, alias: input.alias, removedFromVersion: await deps.registry.removeAlias(input.model, input.alias, actorOf(caller)) };
  },
});

/** The alias operations with their role decided by the host's protected aliases (deployer, admin for protected ones). */
export function aliasOperations(protectedAliases: ReadonlySet<string>) {
  const role = aliasRole(protectedAliases);
  return { setAlias: { ...setAliasOperation, role }, removeAlias: { ...removeAliasOperation, role } };
}
