// Cold storage's admin operations, the same from `pitstop archive` and the admin routes: archive a decommissioned
// version, verify archived files, restore one, delete one after its retention date. All need admin: each is hard to
// undo or costly. The archive audits each change itself (stage moves, verification failures, tombstones).
import { z } from 'zod';
import { actorOf, defineOperation } from '../operations/index.js';
import type { ArchiveVerification } from '../store/index.js';
import type { VersionArchive } from './version-archive.js';

export interface ArchiveOperationDeps {
  readonly archive: VersionArchive;
}

const model = z.string().min(1);
const version = z.number().int().min(1);
const reason = z.string().trim().min(1, 'needs a reason');
const verification = z.object({ model: z.string(), version: z.number().int(), ok: z.boolean(), checkedFiles: z.number().int(), problems: z.array(z.string()) }).passthrough();

export const listArchiveOperation = defineOperation({
  name: 'archive.list',
  summary: 'listing archived versions',
  input: z.object({ model: model.optional() }),
  output: z.object({ entries: z.array(z.object({ model: z.string(), version: z.number().int(), retainUntil: z.string() }).passthrough()) }),
  role: 'viewer',
  audit: 'none',
  run: async (deps: ArchiveOperationDeps, input) => ({ entries: await deps.archive.list(input.model) }),
});

export const archiveVersionOperation = defineOperation({
  name: 'archive.archive_version',
  summary: 'archiving a version',
  input: z.object({ model, version, reason, retention: z.string().min(1).optional(), retainUntil: z.string().min(1).optional() }),
  output: z.object({ entry: z.object({ model: z.string(), version: z.number().int() }).passthrough(), removedLiveCopy: z.boolean(), earlierEntry: z.boolean(), verification }).passthrough(),
  role: 'admin',
  audit: 'store',
  changesServing: true,
  run: (deps: ArchiveOperationDeps, input, caller) => deps.archive.archive(input.model, input.version, {
    reason: input.reason, ...(input.retention ? { retention: input.retention } : {}), ...(input.retainUntil ? { retainUntil: input.retainUntil } : {}),
  }, actorOf(caller)),
});

export const verifyArchiveOperation = defineOperation({
  name: 'archive.verify',
  summary: 'verifying archived versions',
  input: z.object({ model: model.optional(), version: version.optional() }),
  output: z.object({ results: z.array(verification) }),
  role: 'admin',
  // Results go to the archive's own table and failures to the audit log (by the archive); the run itself is audited here.
  audit: (input, output: { results: ArchiveVerification[] }) => ({
    action: 'archive.verified', model: input.model ?? null, version: input.version ?? null, fromStage: null, toStage: null, reason: null,
    details: { checked: output.results.length, failed: output.results.filter((r) => !r.ok).length },
  }),
  async run(deps: ArchiveOperationDeps, input, caller) {
    if (input.model !== undefined && input.version !== undefined) return { results: [await deps.archive.verify(input.model, input.version, actorOf(caller))] };
    return { results: await deps.archive.verifyAll(actorOf(caller), input.model) };
  },
});

export const restoreArchivedOperation = defineOperation({
  name: 'archive.restore',
  summary: 'restoring an archived version',
  input: z.object({ model, version, reason }),
  output: z.object({ model: z.string(), version: z.number().int(), stage: z.string() }).passthrough(),
  role: 'admin',
  audit: 'store',
  run: (deps: ArchiveOperationDeps, input, caller) => deps.archive.restore(input.model, input.version, input.reason, actorOf(caller)),
});

export const deleteArchivedOperation = defineOperation({
  name: 'archive.delete',
  summary: 'deleting an archived version after its retention date',
  input: z.object({ model, version, reason }),
  output: z.object({ deletedFiles: z.array(z.string()) }),
  role: 'admin',
  audit: 'store',
  run: (deps: ArchiveOperationDeps, input, caller) => deps.archive.delete(input.model, input.version, input.reason, actorOf(caller)),
});
