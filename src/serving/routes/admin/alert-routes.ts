// A model's alert rules over HTTP: the rules (the monitoring file's, when this server runs monitoring, and the stored
// ones) with their states and the latest alert events; add, remove and silence rules (deployer). Rules are checked by
// the same schema as `pitstop alerts add`; every change is in the audit log.
import { AlertRuleSchema, COMPARISON_OPS, parseDuration, SEVERITIES, type AlertRule } from '../../../alerts/index.js';
import { PitstopError } from '../../../errors/index.js';
import { silenceRule } from '../../../monitoring/index.js';
import type { Stores } from '../../../store/index.js';
import { alertRuleViews, type AlertRuleView } from '../../model-overview/index.js';
import type { RegisterRoutes } from '../../route-context.js';

/** Alert events the rules page shows. */
const EVENTS_SHOWN = 100;

const nameParams = { type: 'object', properties: { name: { type: 'string' } }, required: ['name'] };
const ruleParams = { type: 'object', properties: { name: { type: 'string' }, rule: { type: 'string' } }, required: ['name', 'rule'] };

/** The rule as a client sends it (the model comes from the path); the alert schema then checks what JSON schema cannot. */
const ruleBody = {
  type: 'object', additionalProperties: false, required: ['name', 'metric', 'op', 'threshold', 'severity'],
  properties: {
    name: { type: 'string', minLength: 1 },
    metric: { type: 'string', minLength: 1, description: 'e.g. accuracy, estimated_accuracy, drift_share, psi:age, drift:age, p99_latency_ms' },
    op: { type: 'string', enum: [...COMPARISON_OPS] },
    threshold: { type: 'number' },
    for: { type: 'string', description: 'how long the breach must last before firing, e.g. 15m (default 0s)' },
    severity: { type: 'string', enum: [...SEVERITIES] },
    resolveThreshold: { type: 'number' },
    channels: { type: 'array', items: { type: 'string' } },
    retrain: { type: 'boolean' },
    description: { type: 'string' },
    labels: { type: 'object', additionalProperties: { type: 'string' } },
  },
};

export function alertRoutes(stores: Stores, configRules: () => readonly AlertRule[]): RegisterRoutes {
  return (app, ctx) => {
    const actor = (request: { callerKeyId: string | null }) => request.callerKeyId ?? 'anonymous';
    const rulesOf = async (model: string): Promise<AlertRuleView[]> => {
      const [stored, states] = await Promise.all([stores.monitoring.listRules(model), stores.monitoring.listAlertStates([model])]);
      return alertRuleViews(configRules().filter((r) => r.model === model), stored, states, new Date()).get(model) ?? [];
    };
    const ruleOf = async (model: string, name: string): Promise<AlertRuleView> => {
      await ctx.registry.getModel(model);
      const rules = await rulesOf(model);
      const rule = rules.find((r) => r.name === name);
      if (!rule) throw new PitstopError('ALERT_RULE_NOT_FOUND', `model "${model}" has no alert rule "${name}"; its rules: ${rules.map((r) => r.name).join(', ') || 'none'}`, { field: 'rule' });
      return rule;
    };
    const audit = (request: { callerKeyId: string | null }, action: string, model: string, details: Record<string, unknown>) =>
      stores.recordAudit({ actor: actor(request), action, model, version: null, fromStage: null, toStage: null, reason: null, details });

    app.get<{ Params: { name: string } }>('/admin/models/:name/alerts', {
      config: { role: 'viewer' },
      schema: { tags: ['admin'], summary: `A model's alert rules with their states, and its latest ${EVENTS_SHOWN} alert events (newest first)`, params: nameParams },
    }, async (request) => {
      const model = (await ctx.registry.getModel(request.params.name)).name;
      const [rules, events] = await Promise.all([rulesOf(model), stores.monitoring.listAlertEvents({ model, limit: EVENTS_SHOWN, newestFirst: true })]);
      return { rules, events };
    });

    app.post<{ Params: { name: string }; Body: Record<string, unknown> }>('/admin/models/:name/alerts', {
      config: { role: 'deployer' },
      schema: { tags: ['admin'], summary: 'Add an alert rule, or replace the stored rule of that name (201)', params: nameParams, body: ruleBody },
    }, async (request, reply) => {
      const model = (await ctx.registry.getModel(request.params.name)).name;
      const parsed = AlertRuleSchema.safeParse({ ...request.body, model });
      if (!parsed.success) {
        const issue = parsed.error.issues[0]!;
        const field = `body.${issue.path.join('.') || 'rule'}`;
        throw new PitstopError('VALIDATION_FAILED', `${field}: ${issue.message}`, { field, errors: parsed.error.issues.map((i) => ({ field: `body.${i.path.join('.')}`, message: i.message })) });
      }
      await stores.monitoring.putRule({ model, name: parsed.data.name, rule: parsed.data, createdBy: actor(request) });
      await audit(request, 'alert.rule_set', model, { rule: parsed.data });
      return reply.code(201).send(await ruleOf(model, parsed.data.name));
    });

    app.delete<{ Params: { name: string; rule: string } }>('/admin/models/:name/alerts/:rule', {
      config: { role: 'deployer' },
      schema: { tags: ['admin'], summary: 'Remove a stored alert rule (rules from the monitoring file are removed there)', params: ruleParams },
    }, async (request) => {
      const { name, rule } = request.params;
      const existing = await ruleOf(name, rule);
      if (existing.source === 'config') throw new PitstopError('VALIDATION_FAILED', `alert rule "${rule}" of "${name}" comes from the monitoring file; remove it there`, { field: 'rule' });
      await stores.monitoring.deleteRule(name, rule);
      await audit(request, 'alert.rule_removed', name, { rule });
      // A file rule of the same name, hidden by the stored one, is in force again.
      return { model: name, rule, removed: true, remaining: (await rulesOf(name)).find((r) => r.name === rule) ?? null };
    });

    app.post<{ Params: { name: string; rule: string }; Body: { for: string } }>('/admin/models/:name/alerts/:rule/silence', {
      config: { role: 'deployer' },
      schema: {
        tags: ['admin'], summary: 'Send no notifications for a rule for a while (its state is still tracked); "0s" lifts a silence', params: ruleParams,
        body: { type: 'object', additionalProperties: false, required: ['for'], properties: { for: { type: 'string', description: 'e.g. 1h, 30m, 2d' } } },
      },
    }, async (request) => {
      const { name, rule } = request.params;
      await ruleOf(name, rule);
      let span: number;
      try {
        span = parseDuration(request.body.for);
      } catch (error) {
        throw new PitstopError('VALIDATION_FAILED', `body.for: ${(error as Error).message}`, { field: 'body.for' });
      }
      const until = new Date(Date.now() + span);
      await silenceRule(stores.monitoring, { model: name, name: rule }, until);
      await audit(request, 'alert.silenced', name, { rule, until: until.toISOString() });
      return ruleOf(name, rule);
    });
  };
}
