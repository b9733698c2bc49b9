// API keys' admin operations. A key belongs to a person: by default the person who creates it (a second key of your
// own still acts as you), or the `person` named when an admin creates a key for someone else.
import { z } from 'zod';
import { PitstopError } from '../../errors/index.js';
import { actorOf, defineOperation } from '../../operations/index.js';
import { ROLES, type ApiKeyStore } from '../../store/index.js';
import { generateApiKey } from './api-key-secret.js';

export interface KeyOperationDeps {
  readonly keys: ApiKeyStore;
}

const visibleKey = z.object({
  id: z.string(), name: z.string(), role: z.enum(ROLES), person: z.string(), createdBy: z.string(), createdAt: z.string(), revokedAt: z.string().nullable(), rateLimit: z.number().nullable(),
});

export const listKeysOperation = defineOperation({
  name: 'auth.list_keys',
  summary: 'listing API keys',
  input: z.object({}),
  output: z.object({ keys: z.array(visibleKey) }),
  role: 'admin',
  audit: 'none',
  async run(deps: KeyOperationDeps) {
    return { keys: (await deps.keys.listKeys()).map(({ secretHash: _hash, salt: _salt, ...visible }) => visible) };
  },
});

export const createKeyOperation = defineOperation({
  name: 'auth.create_key',
  summary: 'creating an API key',
  input: z.object({
    role: z.enum(ROLES),
    name: z.string().min(1).max(200),
    rateLimit: z.number().positive().optional(),
    /** Whose key it is (default: the caller's own). */
    person: z.string().trim().min(1).max(200).optional(),
  }),
  output: z.object({ id: z.string(), role: z.enum(ROLES), name: z.string(), person: z.string(), key: z.string() }),
  role: 'admin',
  audit: 'store',
  async run(deps: KeyOperationDeps, input, caller) {
    const generated = generateApiKey();
    const record = await deps.keys.createKey({
      id: generated.id, name: input.name, role: input.role, secretHash: generated.secretHash, salt: generated.salt,
      createdBy: actorOf(caller), rateLimit: input.rateLimit ?? null, person: input.person ?? caller.person,
    });
    return { id: record.id, role: record.role, name: record.name, person: record.person, key: generated.token };
  },
});

export const revokeKeyOperation = defineOperation({
  name: 'auth.revoke_key',
  summary: 'revoking an API key',
  input: z.object({ id: z.string().min(1) }),
  output: z.object({ id: z.string(), revoked: z.literal(true) }),
  role: 'admin',
  audit: 'store',
  async run(deps: KeyOperationDeps, input, caller) {
    if (!(await deps.keys.revokeKey(input.id, actorOf(caller)))) throw new PitstopError('VALIDATION_FAILED', `no active key ${input.id}; see \`pitstop keys list\``, { field: 'id' });
    return { id: input.id, revoked: true as const };
  },
});
