// `pitstop archive NAME VERSION | list | verify | restore | delete`: cold storage with retention for decommissioned versions.
import type { Command } from 'commander';
import { PitstopError } from '../errors/index.js';
// The operations' own file: the archive stack itself loads with Services.archive, for these commands only.
import { archiveVersionOperation, deleteArchivedOperation, listArchiveOperation, restoreArchivedOperation, verifyArchiveOperation, type ArchiveOperationDeps } from '../archive/archive-operations.js';
import { runCliOperation } from './cli-operation.js';
import type { ArchiveEntry, ArchiveVerification } from '../store/index.js';
import type { CliContext } from './cli-context.js';
import { wholeNumber } from './cli-arguments.js';
import type { CommandRunner } from './command-runner.js';
import { formatTable } from './output.js';

export function registerArchiveCommands(program: Command, run: CommandRunner): void {
  const archive = program
    .command('archive')
    .description('move a decommissioned version to cold storage with a retention date (subcommands: list, verify, restore, delete)')
    .argument('[model]', 'the model')
    .argument('[version]', 'the decommissioned version to archive')
    .option('--reason <text>', 'why: recorded in the audit log')
    .option('--retention <period>', 'keep it at least this long, e.g. 10y or 400d (default: PITSTOP_ARCHIVE_RETENTION, else 10y)')
    .option('--retain-until <date>', 'keep it at least until this date (ISO-8601)')
    .action(run(async (ctx, model: string | undefined, version: string | undefined, opts: { reason?: string; retention?: string; retainUntil?: string }) => {
      if (!model || !version) throw new PitstopError('USAGE', 'usage: pitstop archive MODEL VERSION --reason TEXT (or: archive list | verify | restore | delete)', { field: model ? 'version' : 'model' });
      if (!opts.reason) throw new PitstopError('USAGE', 'archiving needs --reason TEXT, recorded in the audit log', { field: 'reason' });
      const outcome = await runCliOperation(ctx, archiveVersionOperation, await archiveDeps(ctx), {
        model, version: wholeNumber(version, 'VERSION'), reason: opts.reason, ...(opts.retention ? { retention: opts.retention } : {}), ...(opts.retainUntil ? { retainUntil: opts.retainUntil } : {}),
      });
      const { entry } = outcome;
      ctx.output.result(outcome, () => [
        `${model} v${entry.version}: decommissioned → archived in ${entry.location}, kept until ${entry.retainUntil}${outcome.earlierEntry ? ` (archived before on ${entry.archivedAt}: that retention date stands)` : ''}`,
        `  ${Object.keys(outcome.files).length} files (${Object.keys(outcome.files).join(', ')}), ${outcome.verification.checkedFiles} checked against their digests`,
        outcome.removedLiveCopy ? '  the live copy of the package was removed; replay and restore load it from the archive' : '  the live artifact store had no copy left',
      ].join('\n'));
    }));

  archive
    .command('list')
    .description('archived versions with their retention date and latest verification')
    .option('--model <name>', 'only this model')
    .action(run(async (ctx, opts: { model?: string }) => {
      const { entries } = await runCliOperation(ctx, listArchiveOperation, await archiveDeps(ctx), opts.model ? { model: opts.model } : {});
      ctx.output.result(entries, () => (entries.length === 0 ? 'Nothing is archived.' : formatTable(
        ['model', 'version', 'archived', 'keep until', 'verified', 'status'],
        entries.map((e) => [e.model, e.version, e.archivedAt.slice(0, 19), e.retainUntil.slice(0, 10), e.lastVerification?.checkedAt.slice(0, 19), status(e)]),
      )));
    }));

  archive
    .command('verify')
    .description('re-read every archived file against its digest (and signature); the result is recorded')
    .argument('[model]', 'only this model')
    .argument('[version]', 'only this version')
    .action(run(async (ctx, model: string | undefined, version: string | undefined) => {
      const { results } = await runCliOperation(ctx, verifyArchiveOperation, await archiveDeps(ctx), { ...(model ? { model } : {}), ...(version && model ? { version: wholeNumber(version, 'VERSION') } : {}) });
      const failed = results.filter((r) => !r.ok);
      ctx.output.result(results, () => results.length === 0 ? 'Nothing is archived.' : results.map(describeVerification).join('\n'));
      if (failed.length > 0) {
        throw new PitstopError('ARCHIVE_VERIFICATION_FAILED', `${failed.length} of ${results.length} archived version(s) failed verification: ${failed.map((f) => `${f.model} v${f.version}`).join(', ')}`, { field: 'archive' });
      }
    }));

  archive
    .command('restore')
    .description('copy an archived version back to the live store as decommissioned (it can then be promoted again); needs --reason')
    .argument('<model>')
    .argument('<version>')
    .action(run(async (ctx, model: string, version: string) => {
      const record = await runCliOperation(ctx, restoreArchivedOperation, await archiveDeps(ctx), { model, version: wholeNumber(version, 'VERSION'), reason: reasonOf(ctx) });
      ctx.output.result(record, () => `${model} v${record.version}: archived → decommissioned (the archived copy stays until its retention date)`);
    }));

  archive
    .command('delete')
    .description('delete an archived version\'s files after its retention date; a tombstone stays in the audit log; needs --reason')
    .argument('<model>')
    .argument('<version>')
    .action(run(async (ctx, model: string, version: string) => {
      const outcome = await runCliOperation(ctx, deleteArchivedOperation, await archiveDeps(ctx), { model, version: wholeNumber(version, 'VERSION'), reason: reasonOf(ctx) });
      ctx.output.result(outcome, () => `${model} v${version}: ${outcome.deletedFiles.length} archived file(s) deleted; the tombstone is in the audit log (pitstop history ${model})`);
    }));
}

/** The archive stack is imported by these commands only (Services.archive). */
async function archiveDeps(ctx: CliContext): Promise<ArchiveOperationDeps> {
  return { archive: await (await ctx.services()).archive() };
}

/** `--reason` is declared once, on `archive`, and commander gives it to that command even after a subcommand's name. */
function reasonOf(ctx: CliContext): string {
  const reason = ctx.options.reason;
  if (typeof reason !== 'string' || !reason.trim()) throw new PitstopError('USAGE', 'this needs --reason TEXT, recorded in the audit log', { field: 'reason' });
  return reason;
}

function status(entry: ArchiveEntry): string {
  if (entry.deletion) return `deleted ${entry.deletion.deletedAt.slice(0, 10)}`;
  if (!entry.lastVerification) return 'not verified';
  return entry.lastVerification.ok ? 'ok' : `FAILED: ${entry.lastVerification.problems.length} problem(s)`;
}

function describeVerification(v: ArchiveVerification): string {
  if (v.ok) return `${v.model} v${v.version}: ok, ${v.checkedFiles} files match their digests`;
  return [`${v.model} v${v.version}: FAILED`, ...v.problems.map((p) => `  ${p}`)].join('\n');
}
