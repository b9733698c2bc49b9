// The application endpoint's data plane: look up the rule set's features, let the rules choose a provider or a model
// (models through the same PredictionService as /v1 predict, so canaries and hot swaps apply unnoticed), shape the
// answer with the after rules, and journal the decision with the rule set version and rule that made it.
import { PitstopError } from '../../errors/index.js';
import type { JournaledLog } from '../../predictions/index.js';
import { decide, evaluateExpression, type CompiledRuleSet, type DecidedBy, type RuleObject, type RuleValue } from '../../rules/index.js';
import type { DecisionRecord } from '../../store/index.js';
import { fastUlid } from '../../ids/index.js';
import type { PredictionService } from '../prediction-service.js';
import type { AppRuleSets } from './app-rule-sets.js';
import { callBuiltInProvider, type FeatureReader } from './built-in-providers.js';
import { flattenPrediction } from './flatten-prediction.js';

export interface DecideRequest {
  readonly app: string;
  readonly body: unknown;
  readonly headers: Readonly<Record<string, string | string[] | undefined>>;
  readonly caller: string | null;
  readonly requestId: string | null;
}

export interface DecideResponse {
  readonly app: string;
  readonly decision: RuleValue;
  readonly decidedBy: { readonly ruleSet: string; readonly version: number; readonly rule: string; readonly kind: DecidedBy['kind'] };
  readonly applied: readonly string[];
  readonly model: { readonly name: string; readonly version: number } | null;
  readonly predictionId: string | null;
  readonly decisionId: string;
  /** One sentence for people: which rule or model produced the answer. */
  readonly explanation: string;
}

/** Headers never shown to rules nor logged. */
const SECRET_HEADERS = new Set(['authorization', 'cookie', 'x-api-key', 'proxy-authorization']);

export class AppService {
  constructor(private readonly deps: { ruleSets: AppRuleSets; predictions: PredictionService; features: FeatureReader; log: JournaledLog<DecisionRecord> }) {}

  async decide(request: DecideRequest): Promise<DecideResponse> {
    const started = performance.now();
    const { version, compiled } = this.deps.ruleSets.get(request.app);
    if (!request.body || typeof request.body !== 'object' || Array.isArray(request.body)) {
      throw new PitstopError('VALIDATION_FAILED', 'the body must be a JSON object with the request fields, e.g. {"user_id": 42}', { field: 'body' });
    }
    const headers = visibleHeaders(request.headers);
    const features = await this.lookUp(compiled, request.body, headers);
    let answered: { name: string; version: number; predictionId: string; output: unknown } | null = null;
    const decision = await decide(compiled, { request: request.body, features, headers }, {
      callModel: async (name, versionRef, input) => {
        const result = await this.deps.predictions.predict({
          model: name, ...pinned(versionRef), body: { records: [input] }, caller: request.caller, stickyKey: request.caller, requestId: request.requestId,
        });
        const output = flattenPrediction(result.predictions[0]);
        answered = { name: result.model.name, version: result.model.version, predictionId: result.predictionIds[0]!, output };
        return output;
      },
      callProvider: (name, args) => callBuiltInProvider(this.deps.features, name, args),
    });
    const model = answered as { name: string; version: number; predictionId: string; output: unknown } | null;
    const usedModel = decision.decidedBy.kind === 'model' && model !== null;
    const record: DecisionRecord = {
      id: fastUlid(), at: new Date().toISOString(), app: request.app, ruleSetVersion: version, ruleId: decision.decidedBy.ruleId, kind: decision.decidedBy.kind,
      applied: decision.applied, request: request.body, features, headers, output: decision.output,
      model: usedModel ? model.name : null, modelVersion: usedModel ? model.version : null, predictionId: usedModel ? model.predictionId : null,
      modelOutput: usedModel ? model.output : null, caller: request.caller, latencyMs: performance.now() - started,
    };
    this.deps.log.record([record]);
    return {
      app: request.app, decision: decision.output,
      decidedBy: { ruleSet: compiled.name, version, rule: decision.decidedBy.ruleId, kind: decision.decidedBy.kind },
      applied: decision.applied, model: usedModel ? { name: model.name, version: model.version } : null, predictionId: record.predictionId, decisionId: record.id,
      explanation: explain(compiled, version, decision.decidedBy, usedModel ? model : null, decision.applied),
    };
  }

  /** Runs the rule set's lookups (one row each) and merges their columns, in order, into `features`. */
  private async lookUp(compiled: CompiledRuleSet, body: object, headers: Record<string, string>): Promise<RuleObject> {
    const features: Record<string, RuleValue> = {};
    const values = new Map<string, RuleValue>([['request', body as RuleObject], ['headers', headers]]);
    for (const lookup of compiled.lookups) {
      const key = evaluateExpression(lookup.key, values as never);
      const row = key === null ? undefined : await this.deps.features.getRow(lookup.table, key);
      if (!row) {
        if (lookup.required) throw new PitstopError('VALIDATION_FAILED', `feature table "${lookup.table}" has no row for key ${JSON.stringify(key)}`, { field: 'key' });
        continue;
      }
      Object.assign(features, row);
    }
    return features;
  }
}

/** `production` follows the traffic split (canary included); a number pins a version; anything else is an alias. */
function pinned(versionRef: string): { version?: number; alias?: string } {
  if (versionRef === 'production') return {};
  if (/^\d+$/.test(versionRef)) return { version: Number(versionRef) };
  return { alias: versionRef };
}

function visibleHeaders(headers: DecideRequest['headers']): Record<string, string> {
  const visible: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) {
    const lower = name.toLowerCase();
    if (value === undefined || SECRET_HEADERS.has(lower)) continue;
    visible[lower] = Array.isArray(value) ? value.join(', ') : value;
  }
  return visible;
}

function explain(compiled: CompiledRuleSet, version: number, by: DecidedBy, model: { name: string; version: number } | null, applied: readonly string[]): string {
  const position = compiled.route.findIndex((r) => r.id === by.ruleId) + 1;
  const rule = compiled.route[position - 1];
  const answered =
    by.kind === 'model' && model ? `model ${model.name} v${model.version}`
    : rule?.action.kind === 'respond' ? `provider '${rule.action.call.provider}'`
    : rule?.action.kind === 'model' && rule.action.fallback ? `the fallback provider '${rule.action.fallback.provider}' (the model failed or was too slow)`
    : by.kind;
  const after = applied.length > 0 ? `; after rules ${applied.map((a) => `'${a}'`).join(', ')} changed it` : '';
  return `rule '${by.ruleId}' (route ${position} of ${compiled.route.length} in ${compiled.name} v${version}) answered with ${answered}${after}`;
}
