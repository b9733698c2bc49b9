// Who is signed in: the API key (kept for this browser tab only), what the server says its role is, and the client
// every page calls the API with. Pages ask `can('deployer')` to decide whether to offer an action at all.
import { createContext, useContext, useMemo, type ReactNode } from 'react';
import { ApiClient } from './api/api-client.js';
import type { Role, Whoami } from './api/types.js';

const RANK: Record<Role, number> = { viewer: 0, predictor: 1, deployer: 2, admin: 3 };
const STORAGE_KEY = 'pitstop.apiKey';

export interface Session {
  readonly api: ApiClient;
  readonly whoami: Whoami;
  /** Whether the signed-in key holds at least this role. */
  can(role: Role): boolean;
  signOut(): void;
}

const SessionContext = createContext<Session | null>(null);

export function SessionProvider({ apiKey, whoami, onSignOut, children }: { apiKey: string; whoami: Whoami; onSignOut: () => void; children: ReactNode }) {
  const session = useMemo<Session>(() => ({
    api: new ApiClient(apiKey, onSignOut),
    whoami,
    can: (role) => RANK[whoami.role] >= RANK[role],
    signOut: onSignOut,
  }), [apiKey, whoami, onSignOut]);
  return <SessionContext.Provider value={session}>{children}</SessionContext.Provider>;
}

export function useSession(): Session {
  const session = useContext(SessionContext);
  if (!session) throw new Error('useSession outside SessionProvider');
  return session;
}

export function useApi(): ApiClient {
  return useSession().api;
}

/** The key is kept in sessionStorage: it survives a reload but not closing the tab. */
export const storedKey = {
  read: (): string | null => sessionStorage.getItem(STORAGE_KEY),
  write: (key: string) => sessionStorage.setItem(STORAGE_KEY, key),
  clear: () => sessionStorage.removeItem(STORAGE_KEY),
};
