// Audit log: every change anyone made (stage moves, aliases, traffic, rules, keys, approvals), filtered and exported.
import { useEffect, useState, type FormEvent } from 'react';
import type { ApiProblem } from '../api/api-client.js';
import type { AuditEvent } from '../api/types.js';
import { Empty, Loading, Page } from '../components/page.js';
import { CursorPager } from '../components/pager.js';
import { ProblemBanner } from '../components/problem-banner.js';
import { useCursorPages } from '../components/use-cursor-pages.js';
import { asProblem, useResource } from '../components/use-resource.js';
import { formatTime } from '../format.js';
import { Link, navigate, pathOf, useLocation } from '../router.js';
import { useApi } from '../session.js';
import { describeEvent } from './model-detail/stage-periods.js';

const PAGE_SIZE = 50;
const FIELDS = ['model', 'action', 'actor', 'from', 'to'] as const;
type Filters = Record<(typeof FIELDS)[number], string>;
const fromQuery = (query: URLSearchParams): Filters => Object.fromEntries(FIELDS.map((f) => [f, query.get(f) ?? ''])) as Filters;
const toIso = (local: string) => (local ? new Date(local).toISOString() : '');

export function AuditPage() {
  const api = useApi();
  const { query } = useLocation();
  const key = query.toString();
  const applied = fromQuery(query);
  const [form, setForm] = useState<Filters>(applied);
  const pages = useCursorPages();
  useEffect(() => {
    setForm(fromQuery(new URLSearchParams(key)));
    pages.reset();
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [key]);
  const filters = { ...applied, from: toIso(applied.from), to: toIso(applied.to) };
  const events = useResource((client) => client.get<{ events: AuditEvent[]; nextBefore: string | number | null }>('/admin/audit', { ...filters, limit: PAGE_SIZE, before: pages.cursor }), [key, pages.cursor]);
  const [exportProblem, setExportProblem] = useState<ApiProblem | null>(null);
  const search = (event: FormEvent) => {
    event.preventDefault();
    const params = new URLSearchParams(Object.entries(form).filter(([, v]) => v.trim() !== ''));
    navigate(`/audit${params.size ? `?${params}` : ''}`, { replace: true });
  };
  const exportAs = async (format: 'csv' | 'jsonl') => {
    setExportProblem(null);
    try {
      const blob = await api.download('/admin/audit/export', { ...filters, format });
      const link = document.createElement('a');
      link.href = URL.createObjectURL(blob);
      link.download = `pitstop-audit.${format}`;
      link.click();
      setTimeout(() => URL.revokeObjectURL(link.href), 10_000);
    } catch (error) {
      setExportProblem(asProblem(error));
    }
  };
  const set = (field: keyof Filters) => (event: { target: { value: string } }) => setForm((f) => ({ ...f, [field]: event.target.value }));
  return (
    <Page
      title="Audit log"
      intro="Every change, who made it, when and why. The log is append-only: the database refuses edits and deletions."
      actions={<>
        <button type="button" onClick={() => void exportAs('csv')}>Export CSV</button>
        <button type="button" onClick={() => void exportAs('jsonl')}>Export JSON lines</button>
      </>}
    >
      <form className="card search-form" onSubmit={search} aria-label="Filter the audit log">
        <label className="field"><span>Model</span><input name="model" value={form.model} onChange={set('model')} /></label>
        <label className="field"><span>Action</span><input name="action" value={form.action} onChange={set('action')} placeholder="e.g. version.stage_changed" list="audit-actions" /></label>
        <label className="field"><span>Actor (key id)</span><input name="actor" value={form.actor} onChange={set('actor')} /></label>
        <label className="field"><span>From</span><input name="from" type="datetime-local" value={form.from} onChange={set('from')} /></label>
        <label className="field"><span>To</span><input name="to" type="datetime-local" value={form.to} onChange={set('to')} /></label>
        <datalist id="audit-actions">
          {['version.registered', 'version.stage_changed', 'alias.set', 'alias.removed', 'traffic.set', 'promotion.requested', 'policy.updated', 'rules.deployed', 'key.created', 'archive.deleted'].map((a) => <option key={a} value={a} />)}
        </datalist>
        <div className="search-buttons">
          <button type="submit" className="primary">Filter</button>
          <button type="button" onClick={() => navigate('/audit', { replace: true })}>Clear</button>
        </div>
      </form>
      <ProblemBanner problem={exportProblem} prefix="Export failed" />
      <ProblemBanner problem={events.error} prefix="Cannot read the audit log" />
      {!events.data ? (events.loading ? <Loading /> : null) : events.data.events.length === 0 ? <Empty>No event matches.</Empty> : (
        <div className="card flush">
          <table className="table">
            <thead><tr><th>When</th><th>Who</th><th>What</th><th>Model</th><th>Reason</th></tr></thead>
            <tbody>
              {events.data.events.map((e) => (
                <tr key={e.id}>
                  <td>{formatTime(e.at)}</td>
                  <td className="mono small">{e.actor}</td>
                  <td><span className="strong">{describeEvent(e)}</span> <span className="muted small">{e.action}</span></td>
                  <td>{e.model ? <Link to={pathOf('models', e.model)}>{e.model}</Link> : <span className="muted">—</span>}</td>
                  <td>{e.reason ?? <span className="muted">—</span>}</td>
                </tr>
              ))}
            </tbody>
          </table>
          <CursorPager
            page={pages.page} shown={events.data.events.length} hasPrevious={pages.hasPrevious} hasNext={events.data.nextBefore !== null && events.data.nextBefore !== undefined}
            onPrevious={pages.previous} onNext={() => events.data?.nextBefore != null && pages.next(String(events.data.nextBefore))} labels={['← Newer', 'Older →']}
          />
        </div>
      )}
    </Page>
  );
}
