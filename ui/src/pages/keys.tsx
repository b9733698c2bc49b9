// API keys (admins only): who can call the server with which role; create one (its secret is shown once) or revoke one.
import { useState, type FormEvent } from 'react';
import type { ApiKey, Role } from '../api/types.js';
import { Notice, useConfirm, type ConfirmAction } from '../components/confirm-dialog.js';
import { Loading, Page, Section } from '../components/page.js';
import { ProblemBanner } from '../components/problem-banner.js';
import { useResource } from '../components/use-resource.js';
import { formatRelative, formatTime } from '../format.js';
import { useApi, useSession } from '../session.js';

const ROLES: readonly { role: Role; says: string }[] = [
  { role: 'viewer', says: 'reads models, monitoring, predictions, rules and the audit log' },
  { role: 'predictor', says: 'also calls predict and decide endpoints and sends feedback' },
  { role: 'deployer', says: 'also changes stages, traffic, aliases and rule sets' },
  { role: 'admin', says: 'also approves promotions, sets policies and manages keys' },
];

export function KeysPage() {
  const api = useApi();
  const { whoami } = useSession();
  const keys = useResource((client) => client.get<{ keys: ApiKey[] }>('/admin/keys'), []);
  const { ask, dialog, notice, clearNotice } = useConfirm(keys.reload);
  const [name, setName] = useState('');
  const [role, setRole] = useState<Role>('viewer');
  const [created, setCreated] = useState<{ id: string; key: string; role: Role; name: string } | null>(null);
  const create = (event: FormEvent) => {
    event.preventDefault();
    ask({
      title: `Create a ${role} key named “${name}”?`,
      consequences: [`Whoever holds it ${ROLES.find((r) => r.role === role)!.says}.`, 'The key is shown once, right after creation: copy it then.'],
      confirmLabel: 'Create key',
      run: async () => {
        setCreated(await api.post<{ id: string; key: string; role: Role; name: string }>('/admin/keys', { role, name }));
        setName('');
      },
    });
  };
  const revoke = (key: ApiKey): ConfirmAction => ({
    title: `Revoke the key “${key.name}” (${key.id})?`,
    consequences: [
      'Every server refuses it within a second; this cannot be undone.',
      ...(key.id === whoami.keyId ? ['This is the key you are signed in with: you will be signed out.'] : []),
    ],
    confirmLabel: 'Revoke',
    danger: true,
    run: async () => {
      await api.delete(`/admin/keys/${encodeURIComponent(key.id)}`);
      return `Key ${key.id} revoked.`;
    },
  });
  return (
    <Page title="API keys" intro="Keys are stored as salted hashes; their secrets cannot be shown again after creation. Roles include everything below them.">
      <Notice message={notice} onClose={clearNotice} />
      {created && (
        <div className="secret" role="status">
          <p className="strong">New {created.role} key “{created.name}”: copy it now, it will not be shown again.</p>
          <code className="secret-value" data-testid="new-key">{created.key}</code>
          <button type="button" onClick={() => void navigator.clipboard?.writeText(created.key)}>Copy</button>
          <button type="button" className="link" onClick={() => setCreated(null)}>I have stored it</button>
        </div>
      )}
      <Section title="Create a key">
        <form className="inline-form" onSubmit={create} aria-label="Create a key">
          <label>name <input name="key-name" value={name} onChange={(e) => setName(e.target.value)} placeholder="e.g. ci-deployer" required maxLength={200} /></label>
          <label>role
            <select name="key-role" value={role} onChange={(e) => setRole(e.target.value as Role)}>
              {ROLES.map((r) => <option key={r.role} value={r.role}>{r.role}</option>)}
            </select>
          </label>
          <button type="submit" className="primary" disabled={!name.trim()}>Create…</button>
          <span className="muted small">A {role} {ROLES.find((r) => r.role === role)!.says}.</span>
        </form>
      </Section>
      <ProblemBanner problem={keys.error} prefix="Cannot list keys" />
      {!keys.data ? (keys.loading ? <Loading /> : null) : (
        <div className="card flush">
          <table className="table">
            <thead><tr><th>Name</th><th>Key id</th><th>Person</th><th>Role</th><th>Created</th><th>Status</th><th /></tr></thead>
            <tbody>
              {keys.data.keys.map((k) => (
                <tr key={k.id} className={k.revokedAt ? 'revoked' : undefined}>
                  <td className="strong">{k.name}{k.id === whoami.keyId && <span className="muted small"> (you)</span>}</td>
                  <td className="mono small">{k.id}</td>
                  <td>{k.person}</td>
                  <td><span className="pill pill-role" data-role={k.role}>{k.role}</span></td>
                  <td title={formatTime(k.createdAt)}>{formatRelative(k.createdAt)} by {k.createdBy}</td>
                  <td>{k.revokedAt ? `revoked ${formatRelative(k.revokedAt)}` : 'active'}{k.rateLimit ? <span className="muted small"> · {k.rateLimit}/s</span> : null}</td>
                  <td>{!k.revokedAt && <button type="button" className="small danger" onClick={() => ask(revoke(k))}>Revoke…</button>}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {dialog}
    </Page>
  );
}
