// `pitstop export-audit | verify-bundle`: a self-contained bundle of a model's decisions for an auditor, and its offline check.
import fs from 'node:fs/promises';
import type { Command } from 'commander';
import { ExplainSessions, explainLoggedRecord, exportAuditBundle, KEEP_UNTIL_CLOSED, verifyAuditBundle } from '../archive/index.js';
import { configuredTrustedKeys } from '../bootstrap.js';
import { PitstopError } from '../errors/index.js';
import { wholeNumber } from './cli-arguments.js';
import type { CommandRunner } from './command-runner.js';

export function registerAuditCommands(program: Command, run: CommandRunner): void {
  program
    .command('export-audit <model>')
    .description('write the packages, stage history, rules, and the predictions with replays and explanations of a period to one verifiable bundle')
    .requiredOption('--out <file>', 'the bundle to write (.tar.gz)')
    .option('--from <time>', 'predictions at or after (ISO-8601)')
    .option('--to <time>', 'predictions before (ISO-8601)')
    .option('--ids <ids>', 'comma-separated prediction ids instead of a period')
    .option('--sample <n>', 'a seeded sample of this many predictions of the period')
    .option('--no-explain', 'leave explanations out (faster for large periods)')
    .action(run(async (ctx, model: string, opts: { out: string; from?: string; to?: string; ids?: string; sample?: string; explain: boolean }) => {
      const { store, registry } = await ctx.services();
      // One export explains many predictions of each version: every version stays loaded until the export ends.
      const sessions = new ExplainSessions(registry, KEEP_UNTIL_CLOSED);
      try {
        const exported = await exportAuditBundle(
          { store, registry, actor: ctx.config.actor, ...(opts.explain ? { explain: (p) => explainLoggedRecord(p, sessions) } : {}) },
          {
            model, ...(opts.from ? { from: opts.from } : {}), ...(opts.to ? { to: opts.to } : {}),
            ...(opts.ids ? { ids: opts.ids.split(',').map((id) => id.trim()).filter(Boolean) } : {}),
            ...(opts.sample ? { sample: wholeNumber(opts.sample, '--sample') } : {}),
          },
          ctx.output.progress,
        );
        await fs.writeFile(opts.out, exported.bytes);
        const { counts } = exported.manifest;
        ctx.output.result({ out: opts.out, manifestDigest: exported.manifestDigest, manifest: exported.manifest }, () => [
          `Wrote ${opts.out} (${(exported.bytes.byteLength / 1024).toFixed(1)} KiB): ${counts.versions} version package(s), ${counts.predictions} prediction(s), ${counts.identical} of ${counts.replayed} replayed identically, ${counts.explained} explained`,
          `manifest sha256:${exported.manifestDigest} (keep this number: it pins every file in the bundle)`,
          `check it offline with: pitstop verify-bundle ${opts.out}`,
        ].join('\n'));
      } finally {
        await sessions.close();
      }
    }));

  program
    .command('verify-bundle <file>')
    .description('check an audit bundle offline: every file against its digest, every package, every prediction re-run')
    .action(run(async (ctx, file: string) => {
      const bytes = await fs.readFile(file).catch((error: NodeJS.ErrnoException) => {
        throw new PitstopError('USAGE', `cannot read ${file}: ${error.code === 'ENOENT' ? 'no such file' : error.message}`, { field: 'file' });
      });
      const report = await verifyAuditBundle(bytes, { trustedKeys: await configuredTrustedKeys(ctx.config) });
      const p = report.predictions;
      ctx.output.result(report, () => [
        `${file}: ${report.manifest.model}, exported ${report.manifest.exportedAt} by ${report.manifest.exportedBy} (manifest sha256:${report.manifestDigest})`,
        `  ${report.filesMatched === report.filesChecked ? report.filesChecked : `${report.filesMatched} of ${report.filesChecked}`} files match their digests; ${report.packagesVerified} package(s) verified`,
        `  ${p.replayed} prediction(s) re-run: ${p.identical} identical, ${p.withinTolerance} within tolerance, ${p.different} different`,
        `  ${report.explanationsAdditive} explanation(s) add up to their output`,
        ...report.problems.slice(0, 20).map((problem) => `  PROBLEM ${problem}`),
      ].join('\n'));
      if (!report.ok) throw new PitstopError('BUNDLE_INVALID', `${report.problems.length} problem(s), the first: ${report.problems[0]}`, { field: 'file' });
    }));
}
