// Cold storage over HTTP: the archived versions with their retention dates and last verification (viewer), archiving a
// decommissioned version and re-verifying every archived file (admin: both are hard to undo or costly).
import { archiveVersionOperation, listArchiveOperation, verifyArchiveOperation, type ArchiveOperationDeps, type VersionArchive } from '../../../archive/index.js';
import { PitstopError } from '../../../errors/index.js';
import { runOperation } from '../../http-operation.js';
import type { RegisterRoutes } from '../../route-context.js';

export function archiveRoutes(archive: VersionArchive | null): RegisterRoutes {
  return (app, ctx) => {
    const { host } = ctx.operations;
    const configured = (): ArchiveOperationDeps => {
      if (!archive) throw new PitstopError('NOT_READY', 'this server was started without an archive (PITSTOP_ARCHIVE_URL); archive routes are off', { field: 'archive' });
      return { archive };
    };

    app.get<{ Querystring: { model?: string } }>('/admin/archive', {
      config: { role: 'viewer' },
      schema: {
        tags: ['admin'], summary: 'Archived versions: where, until when they are kept, the last verification and any deletion',
        querystring: { type: 'object', additionalProperties: false, properties: { model: { type: 'string' } } },
      },
    }, (request) => runOperation(host, request, listArchiveOperation, configured(), request.query));

    app.post<{ Params: { name: string; version: number }; Body: { reason: string; retention?: string } }>('/admin/models/:name/versions/:version/archive', {
      config: { role: 'admin' },
      schema: {
        tags: ['admin'], summary: 'Move a decommissioned version to cold storage with a retention period (the copy is verified first)',
        params: { type: 'object', properties: { name: { type: 'string' }, version: { type: 'integer', minimum: 1 } }, required: ['name', 'version'] },
        body: {
          type: 'object', additionalProperties: false, required: ['reason'],
          properties: { reason: { type: 'string', minLength: 1 }, retention: { type: 'string', minLength: 1, description: 'e.g. 10y, 400d (default: the server\'s setting)' } },
        },
      },
    }, (request) => runOperation(host, request, archiveVersionOperation, configured(), { model: request.params.name, version: request.params.version, ...request.body }));

    // No body: a client may post nothing at all.
    app.post<{ Querystring: { model?: string } }>('/admin/archive/verify', {
      config: { role: 'admin' },
      schema: {
        tags: ['admin'], summary: 'Re-read every archived file (of one model, or all) against its digest and record the results',
        querystring: { type: 'object', additionalProperties: false, properties: { model: { type: 'string' } } },
      },
    }, (request) => runOperation(host, request, verifyArchiveOperation, configured(), request.query));
  };
}
