// POST /v1/apps/{name}/decide: the application endpoint. The application sends its request; rules, feature lookups
// and models behind it decide, and the answer says which rule or model produced it.
import type { AppService } from '../../apps/index.js';
import type { RegisterRoutes } from '../../route-context.js';

export function decideRoute(apps: AppService): RegisterRoutes {
  return (app) => {
    app.post<{ Params: { name: string } }>('/v1/apps/:name/decide', {
      config: { role: 'predictor' },
      schema: {
        tags: ['apps'],
        summary: "Decide a request with an application's rule set, feature lookups and models",
        description: 'The body is the request as the application knows it, e.g. {"user_id": 42}; the deployed rule set decides what to look up, which model or provider answers, and how the answer is shaped.',
        params: { type: 'object', properties: { name: { type: 'string' } }, required: ['name'] },
        body: { type: 'object', description: 'the request fields the rule set reads as `request.*`' },
      },
      async handler(request) {
        const result = await apps.decide({ app: request.params.name, body: request.body, headers: request.headers, caller: request.callerKeyId, requestId: request.id });
        return {
          app: result.app, decision: result.decision,
          decided_by: { rule_set: result.decidedBy.ruleSet, version: result.decidedBy.version, rule: result.decidedBy.rule, kind: result.decidedBy.kind },
          applied: result.applied, model: result.model, prediction_id: result.predictionId, decision_id: result.decisionId, explanation: result.explanation,
        };
      },
    });
  };
}
