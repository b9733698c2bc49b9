// Resolves the API key a request presents to its record. Known keys are answered from memory and refreshed in the
// background, so the hot path never waits for the database and keeps working while the database is unreachable.
import type { ApiKeyRecord, ApiKeyStore } from '../../store/index.js';
import { parseApiKey, secretMatches } from './api-key-secret.js';

/** How often cached keys are re-read: a revocation takes effect on every server within about this time. */
const REFRESH_MS = 500;

export class ApiKeyAuthenticator {
  private readonly cache = new Map<string, ApiKeyRecord | undefined>();
  private timer: NodeJS.Timeout | null = null;
  private refreshing = false;

  constructor(private readonly keys: ApiKeyStore) {}

  start(): void {
    this.timer ??= setInterval(() => void this.refresh(), REFRESH_MS);
    this.timer.unref();
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
  }

  /** The active key for a presented token, or null when the token is malformed, unknown, wrong or revoked. */
  async authenticate(token: string): Promise<ApiKeyRecord | null> {
    const parsed = parseApiKey(token);
    if (!parsed) return null;
    const record = this.cache.has(parsed.id) ? this.cache.get(parsed.id) : await this.load(parsed.id);
    if (!record || record.revokedAt !== null) return null;
    return secretMatches(parsed.secret, record.salt, record.secretHash) ? record : null;
  }

  private async load(id: string): Promise<ApiKeyRecord | undefined> {
    const record = await this.keys.getKey(id);
    // Unknown ids are not cached: the cache must not grow with every guess an attacker sends.
    if (record) this.cache.set(id, record);
    return record;
  }

  /** Re-reads every cached key; on a database error the cached records stay in force. */
  private async refresh(): Promise<void> {
    if (this.refreshing || this.cache.size === 0) return;
    this.refreshing = true;
    try {
      for (const id of [...this.cache.keys()]) this.cache.set(id, await this.keys.getKey(id));
    } catch {
      // The database is unreachable: keep serving known keys as they were.
    } finally {
      this.refreshing = false;
    }
  }
}

/** The token from `Authorization: Bearer <key>` or `X-API-Key: <key>`. */
export function presentedToken(headers: Record<string, string | string[] | undefined>): string | null {
  const authorization = headers.authorization;
  if (typeof authorization === 'string' && /^bearer\s+/i.test(authorization)) return authorization.replace(/^bearer\s+/i, '').trim();
  const apiKey = headers['x-api-key'];
  return typeof apiKey === 'string' && apiKey ? apiKey.trim() : null;
}
