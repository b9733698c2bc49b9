// `pitstop monitor NAME | monitor run` and `pitstop alerts add|list|rm|silence|events`: monitoring from the command line.
import fs from 'node:fs';
import type { Command } from 'commander';
import { parseDuration } from '../alerts/index.js';
import { PitstopError } from '../errors/index.js';
import {
  emptyMonitoringConfig, formatMonitoringTable, listAlertRulesOperation, MonitoringService, monitoringReportOperation, parseMonitoringConfig, removeAlertRuleOperation, renderMonitoringReport,
  runMonitoringOperation, setAlertRuleOperation, silenceAlertRuleOperation, type AlertOperationDeps, type MonitoringConfig,
} from '../monitoring/index.js';
import { runCliOperation } from './cli-operation.js';
import type { CliContext } from './cli-context.js';
import type { CommandRunner } from './command-runner.js';
import { formatTable } from './output.js';

export function registerMonitoringCommands(program: Command, run: CommandRunner): void {
  const monitor = program
    .command('monitor')
    .description('drift, performance and alerts of served models (`pitstop monitor MODEL` is short for `monitor report MODEL`)')
    .usage('<model> [options] | report <model> [options] | run');
  monitor
    .command('report <model>', { isDefault: true })
    .description("a model's drift per feature, performance and alerts over a period (summarise new windows first)")
    .option('--window <span>', 'how far back to look, e.g. 24h or 7d', '24h')
    .option('--html <file>', 'write a self-contained HTML report with charts')
    .action(run(async (ctx, model: string, opts: { window: string; html?: string }) => {
      duration(opts.window, '--window');
      const service = await monitoringService(ctx);
      await service.runPass();
      const report = await runCliOperation(ctx, monitoringReportOperation, { service }, { model, window: opts.window });
      if (opts.html) fs.writeFileSync(opts.html, renderMonitoringReport(report));
      ctx.output.result(report, () => `${formatMonitoringTable(report)}${opts.html ? `\n\nWrote ${opts.html}` : ''}`);
    }));
  monitor
    .command('run')
    .description('one monitoring pass: summarise closed windows, evaluate alert rules, notify, retrain (for cron)')
    .action(run(async (ctx) => {
      const pass = await runCliOperation(ctx, runMonitoringOperation, { service: await monitoringService(ctx) }, {});
      ctx.output.result(pass, () =>
        [`${pass.windows} window(s) summarised, ${pass.events.length} alert change(s)${pass.expired + pass.expiredDecisions > 0 ? `, ${pass.expired} prediction(s) and ${pass.expiredDecisions} decision(s) past the retention removed` : ''}`, ...pass.events.map((e) => `  ${e.model}/${e.ruleName}: ${e.fromStatus} → ${e.toStatus} (${e.metric} = ${e.value})`), ...pass.retrained.map((r) => `  retraining: ${r.status}`)].join('\n'),
      );
    }));

  const alerts = program.command('alerts').description('alert rules on monitoring metrics (psi:age, accuracy, p99_latency_ms, ...)');
  alerts
    .command('add <model>')
    .description('add (or replace) an alert rule')
    .requiredOption('--metric <name>', 'e.g. drift:age, psi:age, drift_share, accuracy, estimated_accuracy, p99_latency_ms')
    .requiredOption('--op <op>', '>, >=, < or <=')
    .requiredOption('--threshold <number>', 'the value that breaches')
    .option('--name <rule>', 'rule name (default: from the metric)')
    .option('--for <span>', 'how long the breach must last before firing', '0s')
    .option('--severity <level>', 'info, warning or critical', 'warning')
    .option('--resolve-threshold <number>', 'the value must come back past this to resolve (hysteresis)')
    .option('--channel <name...>', 'channels from the monitoring file (default: all)')
    .option('--retrain', 'start retraining when it fires (needs a retraining policy for the model)')
    .action(run(async (ctx, model: string, opts: { metric: string; op: string; threshold: string; name?: string; for: string; severity: string; resolveThreshold?: string; channel?: string[]; retrain?: boolean }) => {
      const rule = await runCliOperation(ctx, setAlertRuleOperation, await alertDeps(ctx), {
        name: opts.name ?? opts.metric.replace(/[^A-Za-z0-9_-]+/g, '-'), model, metric: opts.metric, op: opts.op, threshold: Number(opts.threshold), for: opts.for,
        severity: opts.severity, ...(opts.resolveThreshold !== undefined ? { resolveThreshold: Number(opts.resolveThreshold) } : {}),
        ...(opts.channel ? { channels: opts.channel } : {}), retrain: Boolean(opts.retrain),
      });
      ctx.output.result(rule, () => `Rule ${model}/${rule.name}: ${rule.metric} ${rule.op} ${rule.threshold} for ${rule.for} (${rule.severity})`);
    }));
  alerts
    .command('list')
    .description('rules from the monitoring file and the database, with their state')
    .option('--model <name>', 'only this model')
    .action(run(async (ctx, opts: { model?: string }) => {
      const { rules } = await runCliOperation(ctx, listAlertRulesOperation, await alertDeps(ctx), opts.model ? { model: opts.model } : {});
      ctx.output.result(rules, () =>
        rules.length === 0 ? 'No alert rules. Add one with `pitstop alerts add MODEL --metric accuracy --op "<" --threshold 0.8`.' : formatTable(['model', 'rule', 'condition', 'for', 'severity', 'retrain', 'source', 'state'], rules.map((r) => [r.model, r.name, `${r.metric} ${r.op} ${r.threshold}`, r.for, r.severity, r.retrain ? 'yes' : 'no', r.source === 'config' ? 'file' : 'database', r.since ? `${r.state} since ${r.since.slice(0, 19)}${r.silencedUntil ? `, silenced until ${r.silencedUntil.slice(0, 19)}` : ''}` : 'not evaluated yet'])),
      );
    }));
  alerts
    .command('rm <model> <rule>')
    .description('remove a rule added with `alerts add`')
    .action(run(async (ctx, model: string, rule: string) => {
      const removed = await runCliOperation(ctx, removeAlertRuleOperation, await alertDeps(ctx), { model, rule });
      ctx.output.result(removed, () => `Removed ${model}/${rule}${removed.remaining ? ' (the monitoring file\'s rule of that name is in force again)' : ''}`);
    }));
  alerts
    .command('silence <model> <rule>')
    .description('send nothing for a rule until a time (its state is still tracked)')
    .requiredOption('--for <span>', 'how long, e.g. 2h')
    .action(run(async (ctx, model: string, rule: string, opts: { for: string }) => {
      duration(opts.for, '--for');
      const silenced = await runCliOperation(ctx, silenceAlertRuleOperation, await alertDeps(ctx), { model, rule, for: opts.for });
      ctx.output.result(silenced, () => (silenced.silencedUntil ? `Silenced ${model}/${rule} until ${silenced.silencedUntil}` : `${model}/${rule} is no longer silenced`));
    }));
  alerts
    .command('events <model>')
    .description("a model's alert state changes, oldest first")
    .action(run(async (ctx, model: string) => {
      const events = await (await ctx.services()).store.monitoring.listAlertEvents({ model });
      ctx.output.result(events, () =>
        events.length === 0 ? `No alert events for ${model}.` : formatTable(['at', 'rule', 'change', 'value', 'threshold', 'severity', 'delivered'], events.map((e) => [e.at, e.ruleName, `${e.fromStatus} → ${e.toStatus}`, e.value, e.threshold, e.severity, e.silenced ? 'silenced' : `${(e.deliveries as { delivered?: boolean }[]).filter((d) => d.delivered).length}/${e.deliveries.length}`])),
      );
    }));
}

export function loadConfigFile(ctx: CliContext): MonitoringConfig {
  if (!fs.existsSync(ctx.config.monitoringFile)) return emptyMonitoringConfig();
  return parseMonitoringConfig(fs.readFileSync(ctx.config.monitoringFile, 'utf8'), ctx.config.monitoringFile);
}

async function alertDeps(ctx: CliContext): Promise<AlertOperationDeps> {
  const { store, registry } = await ctx.services();
  const fileRules = loadConfigFile(ctx).alerts.rules;
  return { registry, monitoring: store.monitoring, configRules: () => fileRules };
}

export async function monitoringService(ctx: CliContext): Promise<MonitoringService> {
  const { store, registry } = await ctx.services();
  const logger = { info: (o: object, m?: string) => process.stderr.write(`${m ?? ''} ${JSON.stringify(o)}\n`), warn: (o: object, m?: string) => process.stderr.write(`${m ?? ''} ${JSON.stringify(o)}\n`), error: (o: object, m?: string) => process.stderr.write(`${m ?? ''} ${JSON.stringify(o)}\n`) };
  return new MonitoringService({ store, registry, actor: ctx.config.actor, home: ctx.config.home, logger }, loadConfigFile(ctx));
}

function duration(text: string, flag: string): number {
  try {
    return parseDuration(text);
  } catch (error) {
    throw new PitstopError('USAGE', `${flag}: ${(error as Error).message}`, { field: flag.slice(2) });
  }
}
