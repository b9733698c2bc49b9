// Monitoring's storage over Kysely: window summaries, alert rules and states (replaceable), alert events (append-only).
import type { Kysely, Selectable } from 'kysely';
import type { Database } from './database-schema.js';
import type { KyselyStoreSession } from './kysely-store-session.js';
import type { AlertEventRecord, MonitoringStore, StoredAlertRule, StoredAlertState, StoredWindow, WindowQuery } from './monitoring-records.js';
import type { MonitoringTables } from './monitoring-tables.js';

export class KyselyMonitoringStore implements MonitoringStore {
  constructor(private readonly session: KyselyStoreSession) {}

  async saveWindow(window: StoredWindow): Promise<void> {
    await this.session.write(async (trx) => {
      await trx.deleteFrom('monitoring_windows').where('model', '=', window.model).where('version', '=', window.version).where('window_start', '=', window.windowStart).execute();
      await trx
        .insertInto('monitoring_windows')
        .values({
          model: window.model, version: window.version, window_start: window.windowStart, window_end: window.windowEnd,
          rows: window.rows, summary: JSON.stringify(window.summary), computed_at: window.computedAt,
        })
        .execute();
    });
  }

  async listWindows(query: WindowQuery): Promise<StoredWindow[]> {
    const rows = await this.session.read((db) => {
      let select = db.selectFrom('monitoring_windows').selectAll().where('model', '=', query.model);
      if (query.version !== undefined) select = select.where('version', '=', query.version);
      if (query.from !== undefined) select = select.where('window_start', '>=', query.from);
      if (query.to !== undefined) select = select.where('window_start', '<', query.to);
      return select.orderBy('window_start').orderBy('version').execute();
    });
    return rows.map(toStoredWindow);
  }

  async latestWindows(versions: readonly { readonly model: string; readonly version: number }[]): Promise<StoredWindow[]> {
    if (versions.length === 0) return [];
    const rows = await this.session.read((db) => {
      const newest = db
        .selectFrom('monitoring_windows')
        .select(['model', 'version', (eb) => eb.fn.max('window_start').as('window_start')])
        .where('rows', '>', 0)
        .where((eb) => eb.or(versions.map((v) => eb.and([eb('model', '=', v.model), eb('version', '=', v.version)]))))
        .groupBy(['model', 'version']);
      return db
        .selectFrom('monitoring_windows as w')
        .innerJoin(newest.as('n'), (join) => join.onRef('n.model', '=', 'w.model').onRef('n.version', '=', 'w.version').onRef('n.window_start', '=', 'w.window_start'))
        .selectAll('w')
        .orderBy('w.model')
        .orderBy('w.version')
        .execute();
    });
    return rows.map(toStoredWindow);
  }

  async lastWindowEnd(model: string, version: number): Promise<string | null> {
    const row = await this.session.read((db) =>
      db.selectFrom('monitoring_windows').select((eb) => eb.fn.max('window_end').as('end')).where('model', '=', model).where('version', '=', version).executeTakeFirst(),
    );
    return (row?.end as string | null | undefined) ?? null;
  }

  async putRule(rule: Omit<StoredAlertRule, 'createdAt'>): Promise<StoredAlertRule> {
    const stored: StoredAlertRule = { ...rule, createdAt: this.session.now() };
    await this.session.write(async (trx) => {
      await trx.deleteFrom('alert_rules').where('model', '=', rule.model).where('name', '=', rule.name).execute();
      await trx.insertInto('alert_rules').values({ model: rule.model, name: rule.name, rule: JSON.stringify(rule.rule), created_by: rule.createdBy, created_at: stored.createdAt }).execute();
    });
    return stored;
  }

  async deleteRule(model: string, name: string): Promise<boolean> {
    return this.session.write(async (trx) => {
      const result = await trx.deleteFrom('alert_rules').where('model', '=', model).where('name', '=', name).executeTakeFirst();
      return Number(result.numDeletedRows) > 0;
    });
  }

  async listRules(model?: string): Promise<StoredAlertRule[]> {
    const rows = await this.session.read((db) => {
      let select = db.selectFrom('alert_rules').selectAll();
      if (model !== undefined) select = select.where('model', '=', model);
      return select.orderBy('model').orderBy('name').execute();
    });
    return rows.map((r) => ({ model: r.model, name: r.name, rule: JSON.parse(r.rule) as unknown, createdBy: r.created_by, createdAt: r.created_at }));
  }

  async getAlertState(fingerprint: string): Promise<StoredAlertState | undefined> {
    const row = await this.session.read((db) => db.selectFrom('alert_states').selectAll().where('fingerprint', '=', fingerprint).executeTakeFirst());
    return row && toStoredAlertState(row);
  }

  async listAlertStates(models?: readonly string[]): Promise<StoredAlertState[]> {
    if (models?.length === 0) return [];
    const rows = await this.session.read((db) => {
      const select = db.selectFrom('alert_states').selectAll();
      return (models === undefined ? select : select.where('model', 'in', [...models])).orderBy('model').orderBy('rule_name').execute();
    });
    return rows.map(toStoredAlertState);
  }

  async saveAlertState(state: Omit<StoredAlertState, 'updatedAt'>): Promise<void> {
    await this.session.write(async (trx: Kysely<Database>) => {
      await trx.deleteFrom('alert_states').where('fingerprint', '=', state.fingerprint).execute();
      await trx
        .insertInto('alert_states')
        .values({ fingerprint: state.fingerprint, model: state.model, rule_name: state.ruleName, state: JSON.stringify(state.state), silenced_until: state.silencedUntil, updated_at: this.session.now() })
        .execute();
    });
  }

  async appendAlertEvent(event: Omit<AlertEventRecord, 'id'>): Promise<AlertEventRecord> {
    return this.session.write(async (trx) => {
      const row = await trx
        .insertInto('alert_events')
        .values({
          fingerprint: event.fingerprint, model: event.model, rule_name: event.ruleName, metric: event.metric, from_status: event.fromStatus,
          to_status: event.toStatus, at: event.at, value: event.value, threshold: event.threshold, severity: event.severity,
          silenced: event.silenced ? 1 : 0, deliveries: JSON.stringify(event.deliveries),
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      return { ...event, id: Number(row.id) };
    });
  }

  async listAlertEvents(query: { model?: string; from?: string; to?: string; limit?: number; newestFirst?: boolean }): Promise<AlertEventRecord[]> {
    const rows = await this.session.read((db) => {
      let select = db.selectFrom('alert_events').selectAll();
      if (query.model !== undefined) select = select.where('model', '=', query.model);
      if (query.from !== undefined) select = select.where('at', '>=', query.from);
      if (query.to !== undefined) select = select.where('at', '<', query.to);
      select = select.orderBy('id', query.newestFirst ? 'desc' : 'asc');
      return (query.limit === undefined ? select : select.limit(query.limit)).execute();
    });
    return rows.map((r) => ({
      id: Number(r.id), fingerprint: r.fingerprint, model: r.model, ruleName: r.rule_name, metric: r.metric, fromStatus: r.from_status, toStatus: r.to_status,
      at: r.at, value: Number(r.value), threshold: Number(r.threshold), severity: r.severity, silenced: Number(r.silenced) === 1, deliveries: JSON.parse(r.deliveries) as unknown[],
    }));
  }
}

function toStoredWindow(r: Selectable<MonitoringTables['monitoring_windows']>): StoredWindow {
  return {
    model: r.model, version: Number(r.version), windowStart: r.window_start, windowEnd: r.window_end, rows: Number(r.rows),
    summary: JSON.parse(r.summary) as unknown, computedAt: r.computed_at,
  };
}

function toStoredAlertState(row: Selectable<MonitoringTables['alert_states']>): StoredAlertState {
  return { fingerprint: row.fingerprint, model: row.model, ruleName: row.rule_name, state: JSON.parse(row.state) as unknown, silencedUntil: row.silenced_until, updatedAt: row.updated_at };
}
