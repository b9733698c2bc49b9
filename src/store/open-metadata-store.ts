// Opens the stores a URL names (`sqlite:PATH` or `postgres://...`) and brings their schema up to date.
import { DEFAULT_MIGRATION_TABLE, Migrator, sql, type Migration, type MigrationProvider } from 'kysely';
import { PitstopError } from '../errors/index.js';
import type { DialectAdapter } from './dialect-adapter.js';
import { KyselyLabelStore, type LabelStore } from './kysely-label-store.js';
import { KyselyMetadataStore } from './kysely-metadata-store.js';
import { createServingStores } from './kysely-serving-stores.js';
import type { MetadataStore } from './metadata-store.js';
import { registryMigrations } from './migrations/registry-migrations.js';
import { servingMigrations } from './migrations/serving-migrations.js';
import { trainingMigrations } from './migrations/training-migrations.js';
import { notificationMigrations } from './migrations/notification-migrations.js';
import { feedbackMigrations } from './migrations/feedback-migrations.js';
import { monitoringMigrations } from './migrations/monitoring-migrations.js';
import { archiveMigrations } from './migrations/archive-migrations.js';
import { featureMigrations } from './migrations/feature-migrations.js';
import type { FeatureStore } from './feature-store.js';
import { KyselyFeatureStore } from './kysely-feature-store.js';
import { approvalMigrations } from './migrations/approval-migrations.js';
import { appMigrations } from './migrations/app-migrations.js';
import { leaseMigrations } from './migrations/lease-migrations.js';
import { KyselyLeaseStore, type LeaseStore } from './kysely-lease-store.js';
import { adminQueryMigrations } from './migrations/admin-query-migrations.js';
import { partitionMigrations } from './migrations/partition-migrations.js';
import { peopleMigrations } from './migrations/people-migrations.js';
import { KyselyDecisionLogStore, KyselyRuleSetStore, type DecisionLogStore, type RuleSetStore } from './kysely-app-stores.js';
import { KyselyApprovalStore, type ApprovalStore } from './kysely-approval-store.js';
import { KyselyArchiveStore, type ArchiveStore } from './kysely-archive-store.js';
import { KyselyMonitoringStore } from './kysely-monitoring-store.js';
import type { MonitoringStore } from './monitoring-records.js';
import { KyselyStoreSession, type Clock } from './kysely-store-session.js';
import { KyselyTrainingRunStore, type TrainingRunStore } from './kysely-training-run-store.js';
import type { PostgresOptions } from './postgres/postgres-adapter.js';
import type { ApiKeyStore, ChangeFeed, PredictionLogStore, TrafficStore } from './serving-stores.js';

export const DATABASE_SCHEMES = ['sqlite:', 'postgres:', 'postgresql:'] as const;

export interface OpenStoreOptions {
  readonly clock?: Clock;
  readonly postgres?: PostgresOptions;
}

/** The registry's MetadataStore plus the serving stores, sharing one connection (pool); `close()` closes them all. */
export interface Stores extends MetadataStore {
  readonly keys: ApiKeyStore;
  readonly traffic: TrafficStore;
  readonly predictions: PredictionLogStore;
  readonly changes: ChangeFeed;
  readonly runs: TrainingRunStore;
  readonly labels: LabelStore;
  readonly monitoring: MonitoringStore;
  readonly archive: ArchiveStore;
  readonly approvals: ApprovalStore;
  readonly features: FeatureStore;
  readonly ruleSets: RuleSetStore;
  readonly decisions: DecisionLogStore;
  readonly leases: LeaseStore;
}

export async function openMetadataStore(url: string, options: OpenStoreOptions = {}): Promise<Stores> {
  const adapter = await openAdapter(url, options);
  try {
    await migrateToLatest(adapter);
  } catch (error) {
    await adapter.db.destroy().catch(() => undefined);
    const translated = adapter.translateError(error);
    if (translated instanceof PitstopError) throw translated;
    throw new PitstopError('DATABASE_ERROR', `cannot migrate ${adapter.location}: ${(error as Error).message}`, { cause: error });
  }
  const session = new KyselyStoreSession(adapter, options.clock ?? (() => new Date()));
  const runs = new KyselyTrainingRunStore(session);
  const labels = new KyselyLabelStore(session);
  return Object.assign(new KyselyMetadataStore(adapter, options.clock), createServingStores(adapter, options.clock), { runs, labels, monitoring: new KyselyMonitoringStore(session), archive: new KyselyArchiveStore(session), approvals: new KyselyApprovalStore(session), features: new KyselyFeatureStore(session), ruleSets: new KyselyRuleSetStore(session), decisions: new KyselyDecisionLogStore(session), leases: new KyselyLeaseStore(session) });
}

/** The dialect's module is imported only for its scheme: a SQLite command never loads pg, nor PostgreSQL better-sqlite3. */
export async function openAdapter(url: string, options: OpenStoreOptions = {}): Promise<DialectAdapter> {
  if (url.startsWith('sqlite:')) {
    const { openSqlite } = await import('./sqlite/sqlite-adapter.js');
    return openSqlite(url.slice('sqlite:'.length).replace(/^\/\/(?=\/)/, ''));
  }
  if (url.startsWith('postgres://') || url.startsWith('postgresql://')) {
    if (options.postgres?.schema && !/^[a-z_][a-z0-9_]*$/.test(options.postgres.schema)) {
      throw new PitstopError('CONFIG_INVALID', `invalid PostgreSQL schema name ${options.postgres.schema}`, { field: 'schema' });
    }
    const { openPostgres } = await import('./postgres/postgres-adapter.js');
    return openPostgres(url, options.postgres);
  }
  const scheme = /^([a-z][a-z0-9+.-]*):/i.exec(url)?.[1] ?? url;
  throw new PitstopError('UNKNOWN_URL_SCHEME', `unknown database scheme "${scheme}:" in PITSTOP_DATABASE_URL; known schemes: ${DATABASE_SCHEMES.join(', ')}`, { field: 'databaseUrl' });
}

/** Every migration by name; Kysely's Migrator applies them in the alphabetical order of their names (0001_..., 0002_...). */
export function allMigrations(adapter: DialectAdapter): Record<string, Migration> {
  return { ...registryMigrations(adapter), ...servingMigrations(adapter), ...trainingMigrations(), ...notificationMigrations(adapter), ...feedbackMigrations(adapter), ...monitoringMigrations(adapter), ...archiveMigrations(adapter), ...approvalMigrations(adapter), ...featureMigrations(), ...appMigrations(adapter), ...leaseMigrations(), ...adminQueryMigrations(), ...partitionMigrations(adapter), ...peopleMigrations() };
}

async function migrateToLatest(adapter: DialectAdapter): Promise<void> {
  const migrations = allMigrations(adapter);
  const provider: MigrationProvider = { getMigrations: async () => migrations };
  if (adapter.name === 'sqlite') {
    if (await isUpToDate(adapter, undefined, migrations)) return;
    // Kysely's SQLite migration lock is a no-op (it assumes one process); BEGIN IMMEDIATE makes concurrent processes take turns.
    await adapter.writeTransaction(async (connection) => {
      const { error } = await new Migrator({ db: connection, provider, disableTransactions: true }).migrateToLatest();
      if (error) throw error;
    });
    return;
  }
  // Kysely looks for its migration tables across all schemas; naming ours keeps schemas that share a database apart.
  const schema = await currentSchema(adapter);
  if (await isUpToDate(adapter, schema, migrations)) return;
  const { error } = await new Migrator({ db: adapter.db, provider, migrationTableSchema: schema }).migrateToLatest();
  if (error) throw error;
}

/**
 * Whether exactly these migrations are recorded as applied: what nearly every open finds, answered by one read instead
 * of the Migrator's introspection and (on SQLite) a write lock. Anything else, or no table yet, goes to the Migrator.
 */
async function isUpToDate(adapter: DialectAdapter, schema: string | undefined, migrations: Record<string, Migration>): Promise<boolean> {
  const table = sql.table(schema ? `${schema}.${DEFAULT_MIGRATION_TABLE}` : DEFAULT_MIGRATION_TABLE);
  const applied = await sql<{ name: string }>`select name from ${table}`.execute(adapter.db).then(({ rows }) => rows.map((row) => row.name), () => []);
  const names = Object.keys(migrations);
  return applied.length === names.length && applied.every((name) => Object.hasOwn(migrations, name));
}

/** The schema tables go to: the first on the search path, created if it does not exist yet. */
async function currentSchema(adapter: DialectAdapter): Promise<string> {
  const current = await sql<{ schema: string | null }>`select current_schema() as schema`.execute(adapter.db);
  const existing = current.rows[0]?.schema;
  if (existing) return existing;
  const path = await sql<{ search_path: string }>`show search_path`.execute(adapter.db);
  const first = path.rows[0]?.search_path.split(',')[0]?.trim().replace(/^"|"$/g, '');
  if (!first || !/^[a-z_][a-z0-9_]*$/.test(first)) throw new PitstopError('CONFIG_INVALID', `cannot use PostgreSQL search_path ${path.rows[0]?.search_path}`);
  await sql.raw(`create schema if not exists ${first}`).execute(adapter.db);
  return first;
}
