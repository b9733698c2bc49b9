// `pitstop monitor NAME | monitor run` and `pitstop alerts add|list|rm|silence|events`: monitoring from the command line.
import fs from 'node:fs';
import type { Command } from 'commander';
import { AlertRuleSchema, AlertStateSchema, parseDuration, type AlertRule } from '../alerts/index.js';
import { PitstopError } from '../errors/index.js';
import { emptyMonitoringConfig, formatMonitoringTable, MonitoringService, parseMonitoringConfig, renderMonitoringReport, silenceRule, type MonitoringConfig } from '../monitoring/index.js';
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
      const service = await monitoringService(ctx);
      await service.runPass();
      const span = duration(opts.window, '--window');
      const now = new Date();
      const report = await service.report(model, { from: new Date(now.getTime() - span), to: now, label: `last ${opts.window}` }, now);
      if (opts.html) fs.writeFileSync(opts.html, renderMonitoringReport(report));
      ctx.output.result(report, () => `${formatMonitoringTable(report)}${opts.html ? `\n\nWrote ${opts.html}` : ''}`);
    }));
  monitor
    .command('run')
    .description('one monitoring pass: summarise closed windows, evaluate alert rules, notify, retrain (for cron)')
    .action(run(async (ctx) => {
      const pass = await (await monitoringService(ctx)).runPass();
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
      const parsed = AlertRuleSchema.safeParse({
        name: opts.name ?? opts.metric.replace(/[^A-Za-z0-9_-]+/g, '-'), model, metric: opts.metric, op: opts.op, threshold: Number(opts.threshold), for: opts.for,
        severity: opts.severity, ...(opts.resolveThreshold !== undefined ? { resolveThreshold: Number(opts.resolveThreshold) } : {}),
        ...(opts.channel ? { channels: opts.channel } : {}), retrain: Boolean(opts.retrain),
      });
      if (!parsed.success) {
        const issue = parsed.error.issues[0]!;
        throw new PitstopError('VALIDATION_FAILED', `--${String(issue.path[0] ?? 'rule')}: ${issue.message}`, { field: String(issue.path[0] ?? 'rule') });
      }
      const { registry, store } = await ctx.services();
      await registry.getModel(model);
      await store.monitoring.putRule({ model, name: parsed.data.name, rule: parsed.data, createdBy: ctx.config.actor });
      ctx.output.result(parsed.data, () => `Rule ${model}/${parsed.data.name}: ${parsed.data.metric} ${parsed.data.op} ${parsed.data.threshold} for ${parsed.data.for} (${parsed.data.severity})`);
    }));
  alerts
    .command('list')
    .description('rules from the monitoring file and the database, with their state')
    .option('--model <name>', 'only this model')
    .action(run(async (ctx, opts: { model?: string }) => {
      const { store } = await ctx.services();
      const config = loadConfigFile(ctx);
      const stored = (await store.monitoring.listRules(opts.model)).map((r) => ({ ...AlertRuleSchema.parse(r.rule), source: 'database' }));
      const states = await store.monitoring.listAlertStates(opts.model ? [opts.model] : undefined);
      const stateOf = (r: AlertRule) => {
        const stored = states.find((s) => s.model === r.model && s.ruleName === r.name)?.state;
        const parsed = stored ? AlertStateSchema.safeParse(stored) : undefined;
        return parsed?.success ? { status: parsed.data.status, since: parsed.data.since.toISOString() } : null;
      };
      const rules = [...config.alerts.rules.filter((r) => !opts.model || r.model === opts.model).map((r) => ({ ...r, source: 'file' })), ...stored].map((r) => ({ ...r, state: stateOf(r) }));
      ctx.output.result(rules, () =>
        rules.length === 0 ? 'No alert rules. Add one with `pitstop alerts add MODEL --metric accuracy --op "<" --threshold 0.8`.' : formatTable(['model', 'rule', 'condition', 'for', 'severity', 'retrain', 'source', 'state'], rules.map((r) => [r.model, r.name, `${r.metric} ${r.op} ${r.threshold}`, r.for, r.severity, r.retrain ? 'yes' : 'no', r.source, r.state ? `${r.state.status} since ${r.state.since.slice(0, 19)}` : 'not evaluated yet'])),
      );
    }));
  alerts
    .command('rm <model> <rule>')
    .description('remove a rule added with `alerts add`')
    .action(run(async (ctx, model: string, rule: string) => {
      const removed = await (await ctx.services()).store.monitoring.deleteRule(model, rule);
      if (!removed) throw new PitstopError('VALIDATION_FAILED', `no stored rule ${model}/${rule} (rules from the monitoring file are removed there)`, { field: 'rule' });
      ctx.output.result({ removed: true }, () => `Removed ${model}/${rule}`);
    }));
  alerts
    .command('silence <model> <rule>')
    .description('send nothing for a rule until a time (its state is still tracked)')
    .requiredOption('--for <span>', 'how long, e.g. 2h')
    .action(run(async (ctx, model: string, rule: string, opts: { for: string }) => {
      const until = new Date(Date.now() + duration(opts.for, '--for'));
      await silenceRule((await ctx.services()).store.monitoring, { model, name: rule }, until);
      ctx.output.result({ model, rule, until: until.toISOString() }, () => `Silenced ${model}/${rule} until ${until.toISOString()}`);
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
