// Signing in: paste an API key; the server says whose it is and what role it has.
import { useState, type FormEvent } from 'react';
import { ApiClient, type ApiProblem } from '../api/api-client.js';
import type { Whoami } from '../api/types.js';
import { ProblemBanner } from '../components/problem-banner.js';
import { asProblem } from '../components/use-resource.js';

export function LoginPage({ onSignedIn }: { onSignedIn: (key: string, whoami: Whoami) => void }) {
  const [key, setKey] = useState('');
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<ApiProblem | null>(null);
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setProblem(null);
    try {
      onSignedIn(key.trim(), await new ApiClient(key.trim()).get<Whoami>('/admin/whoami'));
    } catch (error) {
      setProblem(asProblem(error));
      setBusy(false);
    }
  };
  return (
    <div className="login">
      <form className="card login-card" onSubmit={(e) => void submit(e)}>
        <h1>Pitstop admin</h1>
        <p className="intro">Sign in with an API key. You will see what its role may do: viewers look, deployers change stages, traffic and rules, admins also approve promotions and manage keys.</p>
        <label className="field">
          <span>API key</span>
          <input type="password" autoComplete="off" spellCheck={false} placeholder="psk_…" value={key} onChange={(e) => setKey(e.target.value)} name="api-key" autoFocus />
        </label>
        <ProblemBanner problem={problem} prefix="Cannot sign in" />
        <button type="submit" className="primary" disabled={busy || key.trim() === ''}>{busy ? 'Checking…' : 'Sign in'}</button>
        <p className="hint">No key yet? On the server: <code>pitstop keys create --role admin --name me</code>. The key stays in this browser tab only.</p>
      </form>
    </div>
  );
}
