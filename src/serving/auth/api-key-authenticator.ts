// Resolves the API key a request presents to its record, with a short cache so the hot path does not query the database.
import type { ApiKeyRecord, ApiKeyStore } from '../../store/index.js';
import { parseApiKey, secretMatches } from './api-key-secret.js';

/** How long a looked-up key is trusted before it is read again (a revocation takes effect within this time). */
const CACHE_MS = 1_000;

export class ApiKeyAuthenticator {
  private readonly cache = new Map<string, { record: ApiKeyRecord | undefined; until: number }>();

  constructor(private readonly keys: ApiKeyStore) {}

  /** The active key for a presented token, or null when the token is malformed, unknown, wrong or revoked. */
  async authenticate(token: string): Promise<ApiKeyRecord | null> {
    const parsed = parseApiKey(token);
    if (!parsed) return null;
    const record = await this.lookup(parsed.id);
    if (!record || record.revokedAt !== null) return null;
    return secretMatches(parsed.secret, record.salt, record.secretHash) ? record : null;
  }

  private async lookup(id: string): Promise<ApiKeyRecord | undefined> {
    const cached = this.cache.get(id);
    if (cached && cached.until > Date.now()) return cached.record;
    const record = await this.keys.getKey(id);
    this.cache.set(id, { record, until: Date.now() + CACHE_MS });
    return record;
  }
}

/** The token from `Authorization: Bearer <key>` or `X-API-Key: <key>`. */
export function presentedToken(headers: Record<string, string | string[] | undefined>): string | null {
  const authorization = headers.authorization;
  if (typeof authorization === 'string' && /^bearer\s+/i.test(authorization)) return authorization.replace(/^bearer\s+/i, '').trim();
  const apiKey = headers['x-api-key'];
  return typeof apiKey === 'string' && apiKey ? apiKey.trim() : null;
}
