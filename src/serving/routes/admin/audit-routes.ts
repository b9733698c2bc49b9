// The audit log over HTTP, newest first and paged by id (GET /admin/audit), and the same selection as a CSV or
// JSON Lines download (GET /admin/audit/export), streamed page by page so a large log never sits in memory.
import { Readable } from 'node:stream';
import type { AuditQuery, MetadataStore } from '../../../store/index.js';
import type { RegisterRoutes } from '../../route-context.js';
import { AUDIT_EXPORT_CONTENT_TYPES, AUDIT_EXPORT_FORMATS, auditExportHeader, auditExportLine, type AuditExportFormat } from './audit-export-format.js';
import { timeParam } from './time-param.js';

interface AuditFilters {
  model?: string;
  action?: string;
  actor?: string;
  from?: string;
  to?: string;
}

const filterProperties = {
  model: { type: 'string' },
  action: { type: 'string', description: 'e.g. version.stage_changed, alias.set, traffic.set' },
  actor: { type: 'string', description: 'the API key id (or CLI user) that acted' },
  from: { type: 'string', description: 'at or after (ISO-8601)' },
  to: { type: 'string', description: 'before (ISO-8601)' },
};

/** Events read per query while exporting. */
const EXPORT_PAGE = 1000;

export function auditRoutes(store: MetadataStore): RegisterRoutes {
  return (app) => {
    app.get<{ Querystring: AuditFilters & { limit?: number; before?: number } }>('/admin/audit', {
      config: { role: 'viewer' },
      schema: {
        tags: ['admin'], summary: 'Audit events, newest first; pass nextBefore back as before for the next page',
        querystring: {
          type: 'object', additionalProperties: false,
          properties: { ...filterProperties, limit: { type: 'integer', minimum: 1, maximum: 1000, default: 100 }, before: { type: 'integer', minimum: 1, description: 'only events with smaller ids' } },
        },
      },
    }, async (request) => {
      const limit = request.query.limit ?? 100;
      // One more than asked says whether another page exists.
      const rows = await store.listAudit({ ...auditQuery(request.query), limit: limit + 1, ...(request.query.before !== undefined ? { beforeId: request.query.before } : {}) });
      const events = rows.slice(0, limit);
      return { events, nextBefore: rows.length > limit ? events[events.length - 1]!.id : null };
    });

    app.get<{ Querystring: AuditFilters & { format?: AuditExportFormat } }>('/admin/audit/export', {
      config: { role: 'viewer' },
      schema: {
        tags: ['admin'], summary: 'Download the audit events the filters select, newest first, as CSV or JSON Lines',
        querystring: { type: 'object', additionalProperties: false, properties: { ...filterProperties, format: { type: 'string', enum: [...AUDIT_EXPORT_FORMATS], default: 'csv' } } },
      },
    }, async (request, reply) => {
      const format = request.query.format ?? 'csv';
      const query = auditQuery(request.query);
      // The first page is read before answering, so a failing database is a problem answer, not a truncated file.
      const first = await store.listAudit({ ...query, limit: EXPORT_PAGE });
      const stamp = new Date().toISOString().replace(/[:.]/g, '-');
      return reply
        .type(AUDIT_EXPORT_CONTENT_TYPES[format])
        .header('content-disposition', `attachment; filename="pitstop-audit-${stamp}.${format}"`)
        .send(Readable.from(exportLines(store, query, format, first)));
    });
  };
}

function auditQuery(filters: AuditFilters): AuditQuery {
  const from = timeParam(filters.from, 'from');
  const to = timeParam(filters.to, 'to');
  return {
    newestFirst: true,
    ...(filters.model !== undefined ? { model: filters.model } : {}),
    ...(filters.action !== undefined ? { action: filters.action } : {}),
    ...(filters.actor !== undefined ? { actor: filters.actor } : {}),
    ...(from !== undefined ? { from } : {}),
    ...(to !== undefined ? { to } : {}),
  };
}

async function* exportLines(store: MetadataStore, query: AuditQuery, format: AuditExportFormat, first: Awaited<ReturnType<MetadataStore['listAudit']>>): AsyncGenerator<string> {
  const header = auditExportHeader(format);
  if (header) yield header;
  let page = first;
  for (;;) {
    if (page.length > 0) yield page.map((event) => auditExportLine(format, event)).join('');
    if (page.length < EXPORT_PAGE) return;
    page = await store.listAudit({ ...query, limit: EXPORT_PAGE, beforeId: page[page.length - 1]!.id });
  }
}
