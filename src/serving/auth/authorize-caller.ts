// The one check of who is calling, for every door of the server (HTTP routes, gRPC methods): the presented API key
// must be known and live, and its role must reach the role the operation needs.
import { PitstopError } from '../../errors/index.js';
import type { ApiKeyRecord, Role } from '../../store/index.js';
import type { ApiKeyAuthenticator } from './api-key-authenticator.js';
import { roleAllows } from './roles.js';

export interface Caller {
  readonly keyId: string;
  readonly role: Role;
  /** The person the key belongs to (the two-person rule compares people, not keys). */
  readonly person: ApiKeyRecord['person'];
  readonly rateLimit: number | null;
}

/** The caller, or null when the operation is public or auth is off; throws UNAUTHENTICATED or FORBIDDEN. */
export async function authorizeCaller(
  authenticator: ApiKeyAuthenticator,
  token: string | null,
  needed: Role | 'public',
  mode: 'required' | 'disabled',
  /** How the key is sent through this door, for the message. */
  howToSend = '"Authorization: Bearer <key>"',
): Promise<Caller | null> {
  if (needed === 'public' || mode === 'disabled') return null;
  if (!token) throw new PitstopError('UNAUTHENTICATED', `send an API key as ${howToSend} (create one with \`pitstop keys create\`)`, { field: 'authorization' });
  const key = await authenticator.authenticate(token);
  if (!key) throw new PitstopError('UNAUTHENTICATED', 'the API key is unknown, wrong or revoked', { field: 'authorization' });
  if (!roleAllows(key.role, needed)) throw new PitstopError('FORBIDDEN', `this needs the ${needed} role; key ${key.id} has ${key.role}`, { field: 'authorization' });
  return { keyId: key.id, role: key.role, person: key.person, rateLimit: key.rateLimit };
}
