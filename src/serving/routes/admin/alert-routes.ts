// A model's alert rules over HTTP: the rules (the monitoring file's, when this server runs monitoring, and the stored
// ones) with their states and the latest alert events; add, remove and silence rules (deployer). Rules are checked by
// the same operations as `pitstop alerts`; every change is in the audit log.
import { COMPARISON_OPS, SEVERITIES, type AlertRule } from '../../../alerts/index.js';
import { listAlertRulesOperation, removeAlertRuleOperation, setAlertRuleOperation, silenceAlertRuleOperation, type AlertOperationDeps } from '../../../monitoring/index.js';
import type { Stores } from '../../../store/index.js';
import { runOperation } from '../../http-operation.js';
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
    const { host } = ctx.operations;
    const deps: AlertOperationDeps = { registry: ctx.registry, monitoring: stores.monitoring, configRules };

    app.get<{ Params: { name: string } }>('/admin/models/:name/alerts', {
      config: { role: 'viewer' },
      schema: { tags: ['admin'], summary: `A model's alert rules with their states, and its latest ${EVENTS_SHOWN} alert events (newest first)`, params: nameParams },
    }, async (request) => {
      const { rules } = await runOperation(host, request, listAlertRulesOperation, deps, { model: request.params.name });
      return { rules, events: await stores.monitoring.listAlertEvents({ model: request.params.name, limit: EVENTS_SHOWN, newestFirst: true }) };
    });

    app.post<{ Params: { name: string }; Body: Record<string, unknown> }>('/admin/models/:name/alerts', {
      config: { role: 'deployer' },
      schema: { tags: ['admin'], summary: 'Add an alert rule, or replace the stored rule of that name (201)', params: nameParams, body: ruleBody },
    }, async (request, reply) => reply.code(201).send(await runOperation(host, request, setAlertRuleOperation, deps, { ...request.body, model: request.params.name })));

    app.delete<{ Params: { name: string; rule: string } }>('/admin/models/:name/alerts/:rule', {
      config: { role: 'deployer' },
      schema: { tags: ['admin'], summary: 'Remove a stored alert rule (rules from the monitoring file are removed there)', params: ruleParams },
    }, (request) => runOperation(host, request, removeAlertRuleOperation, deps, { model: request.params.name, rule: request.params.rule }));

    app.post<{ Params: { name: string; rule: string }; Body: { for: string } }>('/admin/models/:name/alerts/:rule/silence', {
      config: { role: 'deployer' },
      schema: {
        tags: ['admin'], summary: 'Send no notifications for a rule for a while (its state is still tracked); "0s" lifts a silence', params: ruleParams,
        body: { type: 'object', additionalProperties: false, required: ['for'], properties: { for: { type: 'string', description: 'e.g. 1h, 30m, 2d' } } },
      },
    }, (request) => runOperation(host, request, silenceAlertRuleOperation, deps, { model: request.params.name, rule: request.params.rule, for: request.body.for }));
  };
}
