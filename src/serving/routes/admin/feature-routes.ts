// /admin/features: the online feature store's tables and rows over HTTP. Reading needs viewer; upserting rows needs
// deployer, because served models take these values as their input.
import { PitstopError } from '../../../errors/index.js';
import { MAX_ROWS_PER_UPSERT, readFeatureRows, upsertFeatureRowsOperation } from '../../../features/index.js';
import type { FeatureStore } from '../../../store/index.js';
import { runOperation } from '../../http-operation.js';
import type { RegisterRoutes } from '../../route-context.js';

/** Rows per PUT: one transaction and one audit event each; bigger loads go through `pitstop features load`. */
export const MAX_ROWS_PER_PUT = MAX_ROWS_PER_UPSERT;

const tableParams = { type: 'object', properties: { table: { type: 'string' } }, required: ['table'] };
const rowParams = { type: 'object', properties: { table: { type: 'string' }, key: { type: 'string' } }, required: ['table', 'key'] };

export function featureRoutes(store: FeatureStore): RegisterRoutes {
  return (app, ctx) => {

    app.get('/admin/features', { config: { role: 'viewer' }, schema: { tags: ['admin'], summary: 'Feature tables: key, columns and row count' } }, async () => {
      const tables = await store.listTables();
      return { tables: await Promise.all(tables.map(async (table) => ({ ...table, rowCount: await store.countRows(table.name) }))) };
    });

    app.get<{ Params: { table: string; key: string } }>('/admin/features/:table/rows/:key', {
      config: { role: 'viewer' },
      schema: { tags: ['admin'], summary: 'One entity\'s feature values', params: rowParams },
      async handler(request) {
        const { table, rows } = await readFeatureRows(store, request.params.table, [request.params.key]);
        const row = rows[0];
        if (!row) throw new PitstopError('FEATURE_ENTITY_NOT_FOUND', `feature table "${table.name}" has no row for ${table.key.name} ${request.params.key}`, { field: 'key' });
        return { table: table.name, key: row.key, values: row.values, updatedAt: row.updatedAt };
      },
    });

    app.put<{ Params: { table: string }; Body: { rows: unknown[] } }>('/admin/features/:table/rows', {
      config: { role: 'deployer' },
      schema: {
        tags: ['admin'],
        summary: `Insert or replace rows of a feature table (at most ${MAX_ROWS_PER_PUT}); each row holds the key column and values by column`,
        params: tableParams,
        body: {
          type: 'object', additionalProperties: false, required: ['rows'],
          properties: { rows: { type: 'array', minItems: 1, maxItems: MAX_ROWS_PER_PUT, items: { type: 'object' } } },
        },
      },
      handler: (request) => runOperation(ctx.operations.host, request, upsertFeatureRowsOperation, { features: store }, { table: request.params.table, rows: request.body.rows }),
    });
  };
}
