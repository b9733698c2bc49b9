// Which page answers which path under /ui.
import { useEffect, type ReactNode } from 'react';
import { Page } from './components/page.js';
import { ArchivePage } from './pages/archive.js';
import { AuditPage } from './pages/audit.js';
import { KeysPage } from './pages/keys.js';
import { ModelDetailPage } from './pages/model-detail.js';
import { ModelsPage } from './pages/models.js';
import { MonitoringPage } from './pages/monitoring.js';
import { PredictionDetailPage } from './pages/prediction-detail.js';
import { PredictionsPage } from './pages/predictions.js';
import { RuleSetPage } from './pages/rule-set.js';
import { RulesPage } from './pages/rules.js';
import { matchPath, navigate, useLocation } from './router.js';
import { useSession } from './session.js';

type Render = (params: Record<string, string>) => ReactNode;

const ROUTES: readonly [string, Render][] = [
  ['/models', () => <ModelsPage />],
  ['/models/:name', ({ name }) => <ModelDetailPage name={name!} />],
  ['/monitoring', () => <MonitoringPage name={null} />],
  ['/monitoring/:name', ({ name }) => <MonitoringPage name={name!} />],
  ['/predictions', () => <PredictionsPage />],
  ['/predictions/:id', ({ id }) => <PredictionDetailPage id={id!} />],
  ['/rules', () => <RulesPage />],
  ['/rules/:name', ({ name }) => <RuleSetPage name={name!} />],
  ['/archive', () => <ArchivePage />],
  ['/audit', () => <AuditPage />],
  ['/keys', () => <AdminOnly><KeysPage /></AdminOnly>],
];

export function PageRoutes() {
  const { path } = useLocation();
  useEffect(() => {
    if (path === '/' || path === '') navigate('/models', { replace: true });
  }, [path]);
  for (const [pattern, render] of ROUTES) {
    const params = matchPath(pattern, path);
    if (params) return <div key={pattern}>{render(params)}</div>;
  }
  return <Page title="Not found" intro={`There is no page at ${path}.`}><p /></Page>;
}

function AdminOnly({ children }: { children: ReactNode }) {
  const { can } = useSession();
  if (!can('admin')) return <Page title="Admins only" intro="Managing API keys needs an admin key; sign in with one to create or revoke keys."><p /></Page>;
  return <>{children}</>;
}
