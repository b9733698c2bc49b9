// `pitstop init|register|models|versions|show|stage|alias|history`: the registry from the command line.
import fs from 'node:fs/promises';
import path from 'node:path';
import type { Command } from 'commander';
import { PitstopError } from '../errors/index.js';
import { STAGES, type Stage, type VersionRecord } from '../store/index.js';
import { legalMovesFrom } from '../registry/index.js';
import { aliasOperations, setStageOperation } from '../registry/operations/index.js';
import { registryOperationDeps, runCliOperation } from './cli-operation.js';
import type { CommandRunner } from './command-runner.js';
import { readInputFile } from './cli-files.js';
import { formatKeyValues, formatTable, shortDigest } from './output.js';

export function registerRegistryCommands(program: Command, run: CommandRunner): void {
  program
    .command('init')
    .description('create PITSTOP_HOME with its database, artifact store and trusted-keys folder')
    .action(run(async (ctx) => {
      const services = await ctx.services();
      await fs.mkdir(path.join(ctx.config.home, 'trusted-keys'), { recursive: true });
      ctx.output.result({ home: ctx.config.home, database: services.store.location, artifacts: services.artifacts.location }, () =>
        formatKeyValues([['home', ctx.config.home], ['database', services.store.location], ['artifacts', services.artifacts.location], ['trusted keys', path.join(ctx.config.home, 'trusted-keys')]]),
      );
    }));

  program
    .command('register <file>')
    .description('verify a .pitstop package and register it as the next version of its model')
    .option('--description <text>', 'a description of this version')
    .option('--tag <key=value...>', 'tags for this version')
    .option('--require-signature', 'refuse a package that is not signed by a trusted key (PITSTOP_TRUSTED_KEYS, the home\'s trusted-keys/)')
    .action(run(async (ctx, file: string, opts: { description?: string; tag?: string[]; requireSignature?: boolean }) => {
      const { registry } = await ctx.services();
      const result = await registry.register(await readInputFile(file, 'FILE'), ctx.config.actor, {
        description: opts.description, tags: parseTags(opts.tag), requireSignature: opts.requireSignature ?? false,
      });
      const v = result.version;
      ctx.output.result({ created: result.created, version: v }, () =>
        result.created
          ? `Registered ${v.model} v${v.version} (label ${v.label}, ${shortDigest(v.packageDigest)}) in stage ${v.stage}`
          : `Already registered: ${v.model} v${v.version} has this exact package (${shortDigest(v.packageDigest)}); nothing changed`,
      );
    }));

  program
    .command('models')
    .description('list registered models')
    .action(run(async (ctx) => {
      const models = await (await ctx.services()).registry.listModels();
      ctx.output.result(models, () =>
        models.length === 0
          ? 'No models registered yet. Build a package with `pitstop package build` and register it with `pitstop register FILE`.'
          : formatTable(['model', 'versions', 'production', 'staging', 'updated'], models.map((m) => [m.name, m.versionCount, m.productionVersions.join(',') || '-', m.stagingVersions.join(',') || '-', m.updatedAt])),
      );
    }));

  program
    .command('versions <model>')
    .description("list a model's versions with their stages")
    .action(run(async (ctx, model: string) => {
      const { registry } = await ctx.services();
      const [versions, aliases] = await Promise.all([registry.listVersions(model), registry.listAliases(model)]);
      const aliasesOf = (v: VersionRecord) => aliases.filter((a) => a.version === v.version).map((a) => a.alias).join(',');
      ctx.output.result(versions.map((v) => ({ ...v, manifest: undefined, aliases: aliasesOf(v).split(',').filter(Boolean) })), () =>
        formatTable(['version', 'stage', 'label', 'aliases', 'digest', 'registered', 'by'], versions.map((v) => [v.version, v.stage, v.label, aliasesOf(v) || '-', shortDigest(v.packageDigest), v.registeredAt, v.registeredBy])),
      );
    }));

  program
    .command('show <model> <version>')
    .description('show one version: stage, digest, lineage, features (VERSION may be a number, alias or stage)')
    .action(run(async (ctx, model: string, reference: string) => {
      const { registry } = await ctx.services();
      const v = await registry.resolveVersion(model, reference);
      const aliases = (await registry.listAliases(model)).filter((a) => a.version === v.version).map((a) => a.alias);
      const manifest = v.manifest as { features: { name: string; type: string }[]; lineage: Record<string, unknown> };
      ctx.output.result({ ...v, aliases, legalMoves: legalMovesFrom(v.stage) }, () =>
        formatKeyValues([
          ['model', v.model], ['version', v.version], ['label', v.label], ['stage', `${v.stage} (since ${v.stageChangedAt}; can move to ${legalMovesFrom(v.stage).join(', ')})`],
          ['aliases', aliases.join(', ') || '-'], ['task', v.task], ['digest', `sha256:${v.packageDigest}`], ['artifact', `${v.artifactKey} (${v.artifactSize} bytes)`],
          ['signed by', v.signedBy ?? 'unsigned or not verified'], ['registered', `${v.registeredAt} by ${v.registeredBy}`], ['description', v.description],
          ['features', manifest.features.map((f) => `${f.name}:${f.type}`).join(', ')], ['lineage', JSON.stringify(manifest.lineage)],
        ]),
      );
    }));

  program
    .command('stage <model> <version> <stage>')
    .description(`move a version through its lifecycle (${STAGES.join(' → ')})`)
    .requiredOption('--reason <text>', 'why: recorded in the audit log')
    .action(run(async (ctx, model: string, version: string, stage: string, opts: { reason: string }) => {
      const { moves } = await runCliOperation(ctx, setStageOperation, await registryOperationDeps(ctx), { model, version: parseVersion(version), stage: parseStage(stage), reason: opts.reason });
      ctx.output.result({ model, moves }, () => moves.map((m) => `${model} v${m.version}: ${m.from} → ${m.to} (${m.reason})`).join('\n'));
    }));

  const alias = program.command('alias').description('point names such as champion or challenger at versions');
  alias
    .command('set <model> <alias> <version>')
    .description('point ALIAS at VERSION (moving it if it exists)')
    .action(run(async (ctx, model: string, name: string, version: string) => {
      const deps = await registryOperationDeps(ctx);
      const { previousVersion: before } = await runCliOperation(ctx, aliasOperations(deps.protectedAliases).setAlias, deps, { model, alias: name, version: parseVersion(version) });
      ctx.output.result({ model, alias: name, version: Number(version), previousVersion: before }, () =>
        `${model}@${name} → v${version}${before !== null && before !== Number(version) ? ` (was v${before})` : ''}`,
      );
    }));
  alias
    .command('rm <model> <alias>')
    .description('remove an alias')
    .action(run(async (ctx, model: string, name: string) => {
      const deps = await registryOperationDeps(ctx);
      const { removedFromVersion: removed } = await runCliOperation(ctx, aliasOperations(deps.protectedAliases).removeAlias, deps, { model, alias: name });
      ctx.output.result({ model, alias: name, removedFrom: removed }, () => `Removed ${model}@${name} (it pointed at v${removed})`);
    }));
  alias
    .command('ls <model>')
    .description("list a model's aliases")
    .action(run(async (ctx, model: string) => {
      const aliases = await (await ctx.services()).registry.listAliases(model);
      ctx.output.result(aliases, () => formatTable(['alias', 'version', 'updated', 'by'], aliases.map((a) => [a.alias, a.version, a.updatedAt, a.updatedBy])));
    }));

  program
    .command('history <model>')
    .description('the audit trail of a model; with --at, which version was in production at that time')
    .option('--at <time>', 'an ISO-8601 time, e.g. 2026-01-31T12:00:00Z')
    .action(run(async (ctx, model: string, opts: { at?: string }) => {
      const history = await (await ctx.services()).registry.history(model, opts.at);
      ctx.output.result(history, () => {
        const table = formatTable(['time', 'actor', 'action', 'version', 'change', 'reason'], history.events.map((e) => [e.at, e.actor, e.action, e.version, e.toStage ? `${e.fromStage ?? '∅'} → ${e.toStage}` : aliasChange(e.details), e.reason]));
        if (!history.productionAt) return table;
        const versions = history.productionAt.versions;
        return `At ${history.productionAt.at}, ${versions.length === 0 ? `no version of ${model} was in production` : `${model} v${versions.join(', v')} ${versions.length === 1 ? 'was' : 'were'} in production`}.\n\n${table}`;
      });
    }));

}

function parseVersion(text: string): number {
  if (!/^\d+$/.test(text) || Number(text) < 1) throw new PitstopError('USAGE', `VERSION must be a positive whole number, not "${text}"`, { field: 'version' });
  return Number(text);
}

function parseStage(text: string): Stage {
  if (!(STAGES as readonly string[]).includes(text)) throw new PitstopError('USAGE', `unknown stage "${text}"; stages are ${STAGES.join(', ')}`, { field: 'stage' });
  return text as Stage;
}

function parseTags(tags: string[] | undefined): Record<string, string> {
  return Object.fromEntries(
    (tags ?? []).map((tag) => {
      const at = tag.indexOf('=');
      if (at < 1) throw new PitstopError('USAGE', `--tag ${tag}: write tags as key=value`, { field: 'tag' });
      return [tag.slice(0, at), tag.slice(at + 1)];
    }),
  );
}

function aliasChange(details: Readonly<Record<string, unknown>>): string {
  return typeof details.alias === 'string' ? `alias ${details.alias}` : '';
}
