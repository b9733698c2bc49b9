// Predictions: search the prediction log (by id, time, model, version, a feature's value or the outcome) and open one.
// The server pages by cursor, so a log of millions answers as fast as a small one.
import { useEffect, useState, type FormEvent } from 'react';
import type { PredictionPage } from '../api/types.js';
import { Empty, Loading, Page } from '../components/page.js';
import { CursorPager } from '../components/pager.js';
import { ProblemBanner } from '../components/problem-banner.js';
import { useCursorPages } from '../components/use-cursor-pages.js';
import { useResource } from '../components/use-resource.js';
import { formatMs, formatTime, formatValue } from '../format.js';
import { Link, navigate, pathOf, useLocation } from '../router.js';

const PAGE_SIZE = 50;
const FIELDS = ['id', 'model', 'version', 'from', 'to', 'feature', 'value', 'minValue', 'maxValue', 'label'] as const;
type Field = (typeof FIELDS)[number];
type Filters = Record<Field, string>;

const fromQuery = (query: URLSearchParams): Filters => Object.fromEntries(FIELDS.map((f) => [f, query.get(f) ?? ''])) as Filters;

/** datetime-local values are local times; the API wants ISO instants. */
const toIso = (local: string) => (local ? new Date(local).toISOString() : '');

export function PredictionsPage() {
  const { query } = useLocation();
  const applied = fromQuery(query);
  const [form, setForm] = useState<Filters>(applied);
  const pages = useCursorPages();
  const key = query.toString();
  useEffect(() => {
    setForm(fromQuery(new URLSearchParams(key)));
    pages.reset();
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [key]);
  const results = useResource(
    (api) => api.get<PredictionPage>('/admin/predictions', { ...applied, from: toIso(applied.from), to: toIso(applied.to), limit: PAGE_SIZE, order: 'desc', after: pages.cursor }),
    [key, pages.cursor],
  );
  const search = (event: FormEvent) => {
    event.preventDefault();
    const params = new URLSearchParams(Object.entries(form).filter(([, v]) => v.trim() !== ''));
    navigate(`/predictions${params.size ? `?${params}` : ''}`, { replace: true });
  };
  const set = (field: Field) => (event: { target: { value: string } }) => setForm((f) => ({ ...f, [field]: event.target.value }));
  return (
    <Page title="Predictions" intro="Every answered prediction is logged with its input, output and the exact package that made it, newest first. Search the log, then open a prediction to see the rule that decided it, replay it or explain it.">
      <form className="card search-form" role="search" onSubmit={search} aria-label="Search predictions">
        <label className="field"><span>Prediction id</span><input name="id" value={form.id} onChange={set('id')} placeholder="01K…" spellCheck={false} /></label>
        <label className="field"><span>Model</span><input name="model" value={form.model} onChange={set('model')} placeholder="any" /></label>
        <label className="field narrow"><span>Version</span><input name="version" type="number" min={1} value={form.version} onChange={set('version')} /></label>
        <label className="field"><span>From</span><input name="from" type="datetime-local" value={form.from} onChange={set('from')} /></label>
        <label className="field"><span>To</span><input name="to" type="datetime-local" value={form.to} onChange={set('to')} /></label>
        <label className="field"><span>Input feature</span><input name="feature" value={form.feature} onChange={set('feature')} placeholder="e.g. x1" /></label>
        <label className="field narrow"><span>equals</span><input name="value" value={form.value} onChange={set('value')} disabled={!form.feature} placeholder="any" /></label>
        <label className="field"><span>Predicted label</span><input name="label" value={form.label} onChange={set('label')} placeholder="e.g. yes" /></label>
        <label className="field narrow"><span>Predicted value ≥</span><input name="minValue" type="number" step="any" value={form.minValue} onChange={set('minValue')} /></label>
        <label className="field narrow"><span>Predicted value ≤</span><input name="maxValue" type="number" step="any" value={form.maxValue} onChange={set('maxValue')} /></label>
        <div className="search-buttons">
          <button type="submit" className="primary">Search</button>
          <button type="button" onClick={() => navigate('/predictions', { replace: true })}>Clear</button>
        </div>
      </form>
      <ProblemBanner problem={results.error} prefix="Search failed" />
      {results.data === null ? (results.loading ? <Loading /> : null) : results.data.predictions.length === 0 ? <Empty>No prediction matches.</Empty> : (
        <div className="card flush">
          <table className="table">
            <thead><tr><th>Prediction</th><th>Time</th><th>Model</th><th>Route</th><th>Input</th><th>Output</th><th className="num">Latency</th></tr></thead>
            <tbody>
              {results.data.predictions.map((p) => (
                <tr key={p.id} data-prediction={p.id}>
                  <td><Link to={pathOf('predictions', p.id)} className="mono">{p.id}</Link></td>
                  <td>{formatTime(p.at)}</td>
                  <td>{p.model} v{p.version}</td>
                  <td>{p.route}</td>
                  <td className="clip small" title={JSON.stringify(p.input)}>{Object.entries(p.input).map(([k, v]) => `${k}=${formatValue(v)}`).join(', ')}</td>
                  <td className="clip small" title={JSON.stringify(p.output)}>{formatOutput(p.output)}</td>
                  <td className="num">{formatMs(p.latencyMs)}</td>
                </tr>
              ))}
            </tbody>
          </table>
          <CursorPager
            page={pages.page} shown={results.data.predictions.length} hasPrevious={pages.hasPrevious} hasNext={results.data.next !== null}
            onPrevious={pages.previous} onNext={() => results.data?.next && pages.next(results.data.next)} labels={['← Newer', 'Older →']}
          />
        </div>
      )}
    </Page>
  );
}

/** The answer in a few words: the label, the value, or the JSON. */
export function formatOutput(output: unknown): string {
  if (output && typeof output === 'object' && !Array.isArray(output)) {
    const o = output as Record<string, unknown>;
    if ('label' in o) return `label ${formatValue(o.label)}`;
    if ('value' in o) return `value ${formatValue(o.value)}`;
  }
  return formatValue(output);
}
