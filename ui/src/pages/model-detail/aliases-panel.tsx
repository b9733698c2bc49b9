// Aliases: names callers use instead of version numbers (?alias=challenger), and the form that moves them.
import { useState } from 'react';
import type { ModelDetail } from '../../api/types.js';
import type { ConfirmAction } from '../../components/confirm-dialog.js';
import { pathOf } from '../../router.js';
import { useApi, useSession } from '../../session.js';

export function AliasesPanel({ detail, onAction }: { detail: ModelDetail; onAction: (action: ConfirmAction) => void }) {
  const api = useApi();
  const { can } = useSession();
  const name = detail.model.name;
  const aliases = detail.versions.flatMap((v) => v.aliases.map((alias) => ({ alias, version: v.version }))).sort((a, b) => a.alias.localeCompare(b.alias));
  const [alias, setAlias] = useState('');
  const [version, setVersion] = useState(detail.versions[detail.versions.length - 1]?.version ?? 1);
  const aliasPath = (a: string) => `/admin${pathOf('models', name, 'aliases', a)}`;
  const set = (): ConfirmAction => {
    const previous = aliases.find((a) => a.alias === alias)?.version;
    return {
      title: `Point alias “${alias}” of ${name} at v${version}?`,
      consequences: [
        previous !== undefined ? `It points at v${previous} now; callers using ?alias=${alias} get v${version} from their next request.` : `A new alias: callers can ask for v${version} with ?alias=${alias}.`,
        'Protected aliases (champion) can only be moved by an admin.',
      ],
      confirmLabel: 'Set alias',
      run: async () => {
        await api.put(aliasPath(alias), { version });
        return `Alias ${alias} → v${version}.`;
      },
    };
  };
  const remove = (a: { alias: string; version: number }): ConfirmAction => ({
    title: `Remove alias “${a.alias}” of ${name}?`,
    consequences: [`Callers using ?alias=${a.alias} will get an error instead of v${a.version}.`],
    confirmLabel: 'Remove alias',
    danger: true,
    run: async () => {
      await api.delete(aliasPath(a.alias));
      return `Alias ${a.alias} removed.`;
    },
  });
  return (
    <div>
      {aliases.length === 0 ? <p className="muted">No aliases.</p> : (
        <ul className="alias-list">
          {aliases.map((a) => (
            <li key={a.alias}>
              <span className="chip">{a.alias}</span> → v{a.version}
              {can('deployer') && <button type="button" className="link danger-text" onClick={() => onAction(remove(a))}>remove</button>}
            </li>
          ))}
        </ul>
      )}
      {can('deployer') && (
        <form className="inline-form" aria-label="Set alias" onSubmit={(e) => { e.preventDefault(); if (alias.trim()) onAction(set()); }}>
          <label>alias <input name="alias" value={alias} placeholder="challenger" onChange={(e) => setAlias(e.target.value.trim())} /></label>
          <label>version
            <select name="alias-version" value={version} onChange={(e) => setVersion(Number(e.target.value))}>
              {detail.versions.map((v) => <option key={v.version} value={v.version}>v{v.version} ({v.stage})</option>)}
            </select>
          </label>
          <button type="submit" disabled={!alias}>Set alias…</button>
        </form>
      )}
    </div>
  );
}
