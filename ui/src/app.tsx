// Signs in with an API key, then shows the pages that key's role may use.
import { useCallback, useEffect, useState } from 'react';
import { ApiClient } from './api/api-client.js';
import type { Whoami } from './api/types.js';
import { Layout } from './layout.js';
import { LoginPage } from './pages/login.js';
import { PageRoutes } from './page-routes.js';
import { SessionProvider, storedKey } from './session.js';

interface SignedIn {
  readonly key: string;
  readonly whoami: Whoami;
}

export function App() {
  const [signedIn, setSignedIn] = useState<SignedIn | null>(null);
  const [restoring, setRestoring] = useState(true);
  // A reload keeps the tab's key: ask the server again who it is (it may have been revoked meanwhile). Without a
  // stored key, the same question tells whether the server runs without keys at all (then no sign-in is needed).
  useEffect(() => {
    const key = storedKey.read() ?? '';
    new ApiClient(key).get<Whoami>('/admin/whoami').then(
      (whoami) => setSignedIn({ key, whoami }),
      () => storedKey.clear(),
    ).finally(() => setRestoring(false));
  }, []);
  const signOut = useCallback(() => {
    storedKey.clear();
    setSignedIn(null);
  }, []);
  if (restoring) return <p className="loading">Loading…</p>;
  if (!signedIn) {
    return <LoginPage onSignedIn={(key, whoami) => {
      storedKey.write(key);
      setSignedIn({ key, whoami });
    }} />;
  }
  return (
    <SessionProvider apiKey={signedIn.key} whoami={signedIn.whoami} onSignOut={signOut}>
      <Layout>
        <PageRoutes />
      </Layout>
    </SessionProvider>
  );
}
