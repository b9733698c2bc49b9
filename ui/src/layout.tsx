// The frame around every page: navigation on the left (only the pages the key may use), who is signed in, the page.
import type { ReactNode } from 'react';
import type { Role } from './api/types.js';
import { Link, useLocation } from './router.js';
import { useSession } from './session.js';

interface NavItem {
  readonly to: string;
  readonly label: string;
  readonly role: Role;
}

const NAV: readonly NavItem[] = [
  { to: '/models', label: 'Models', role: 'viewer' },
  { to: '/monitoring', label: 'Monitoring', role: 'viewer' },
  { to: '/predictions', label: 'Predictions', role: 'viewer' },
  { to: '/rules', label: 'Rules', role: 'viewer' },
  { to: '/archive', label: 'Archive', role: 'viewer' },
  { to: '/audit', label: 'Audit log', role: 'viewer' },
  { to: '/keys', label: 'API keys', role: 'admin' },
];

export function Layout({ children }: { children: ReactNode }) {
  const { whoami, can, signOut } = useSession();
  const { path } = useLocation();
  return (
    <div className="layout">
      <nav className="sidebar" aria-label="Main">
        <div className="sidebar-inner">
          <div className="brand">Pitstop <span>admin</span></div>
          <ul>
            {NAV.filter((item) => can(item.role)).map((item) => (
              <li key={item.to}>
                <Link to={item.to} className={path === item.to || path.startsWith(`${item.to}/`) ? 'active' : undefined}>{item.label}</Link>
              </li>
            ))}
          </ul>
          <div className="whoami">
            {whoami.auth === 'disabled' ? (
              <span>Authentication is off on this server: everyone may do everything.</span>
            ) : (
              <>
                <span className="who">{whoami.name ?? whoami.keyId}</span>
                <span className="pill pill-role" data-role={whoami.role}>{whoami.role}</span>
                <span className="key-id">{whoami.keyId}</span>
              </>
            )}
            {whoami.auth === 'required' && <button type="button" className="link" onClick={signOut}>Sign out</button>}
          </div>
        </div>
      </nav>
      <main className="content">{children}</main>
    </div>
  );
}
