// The prediction log for the admin GUI: search by model, version, time, id, an input feature's value, the predicted
// label or value, paged by id; and one prediction with its labels and the application decision that made it.
// Replays and explanations are under /v1/predictions/{id}/replay and /explanation.
import { PitstopError } from '../../../errors/index.js';
import { FEATURE_NAME_PATTERN } from '../../../manifest/index.js';
import type { DecisionLogStore, LabelStore, PredictionLogStore, PredictionQuery } from '../../../store/index.js';
import type { RegisterRoutes } from '../../route-context.js';
import { timeParam } from './time-param.js';

export interface PredictionRouteDeps {
  readonly predictions: PredictionLogStore;
  readonly labels: LabelStore;
  readonly decisions: DecisionLogStore;
}

interface PredictionSearch {
  model?: string;
  version?: number;
  from?: string;
  to?: string;
  id?: string;
  feature?: string;
  value?: string;
  label?: string;
  minValue?: number;
  maxValue?: number;
  limit?: number;
  after?: string;
  order?: 'asc' | 'desc';
}

export function predictionRoutes(deps: PredictionRouteDeps): RegisterRoutes {
  return (app) => {
    app.get<{ Querystring: PredictionSearch }>('/admin/predictions', {
      config: { role: 'viewer' },
      schema: {
        tags: ['admin'], summary: 'Logged predictions matching the filters, by id; pass next back as after for the next page',
        querystring: {
          type: 'object', additionalProperties: false,
          properties: {
            model: { type: 'string' },
            version: { type: 'integer', minimum: 1 },
            from: { type: 'string', description: 'at or after (ISO-8601)' },
            to: { type: 'string', description: 'before (ISO-8601)' },
            id: { type: 'string' },
            feature: { type: 'string', description: 'an input feature; with value, predictions whose input has that value there, alone, predictions where it is set' },
            value: { type: 'string', description: "the feature's value as text (numbers as written, true/false)" },
            label: { type: 'string', description: 'the predicted label (output.label)' },
            minValue: { type: 'number', description: 'output.value at least' },
            maxValue: { type: 'number', description: 'output.value at most' },
            limit: { type: 'integer', minimum: 1, maximum: 500, default: 50 },
            after: { type: 'string', description: 'the previous page\'s next: ids after it in the chosen order' },
            order: { type: 'string', enum: ['asc', 'desc'], default: 'asc', description: 'asc: oldest first (default); desc: newest first' },
          },
        },
      },
    }, async (request) => {
      const query = request.query;
      const limit = query.limit ?? 50;
      const newestFirst = query.order === 'desc';
      // One more than asked says whether another page exists.
      const rows = await deps.predictions.listPredictions({
        ...searchFilter(query), limit: limit + 1, newestFirst,
        ...(query.after !== undefined ? (newestFirst ? { beforeId: query.after } : { afterId: query.after }) : {}),
      });
      const predictions = rows.slice(0, limit);
      return { predictions, next: rows.length > limit ? predictions[predictions.length - 1]!.id : null };
    });

    app.get<{ Params: { id: string } }>('/admin/predictions/:id', {
      config: { role: 'viewer' },
      schema: { tags: ['admin'], summary: 'A logged prediction, its labels (corrections included, oldest first) and the application decision it served', params: { type: 'object', properties: { id: { type: 'string' } }, required: ['id'] } },
    }, async (request) => {
      const prediction = await deps.predictions.getPrediction(request.params.id);
      if (!prediction) throw new PitstopError('PREDICTION_NOT_FOUND', `no logged prediction ${request.params.id}`, { field: 'id' });
      const [labels, decisions] = await Promise.all([deps.labels.labelHistory(prediction.id), deps.decisions.decisionsForPredictions([prediction.id])]);
      return { prediction, labels, decision: decisions[0] ?? null };
    });
  };
}

function searchFilter(query: PredictionSearch): PredictionQuery {
  if (query.value !== undefined && query.feature === undefined) {
    throw new PitstopError('VALIDATION_FAILED', 'value filters an input feature: name it with feature', { field: 'querystring.feature' });
  }
  if (query.feature !== undefined && !FEATURE_NAME_PATTERN.test(query.feature)) {
    throw new PitstopError('VALIDATION_FAILED', `feature "${query.feature}" is not a feature name (letters, digits, _ . -, starting with a letter or _)`, { field: 'querystring.feature' });
  }
  if (query.minValue !== undefined && query.maxValue !== undefined && query.minValue > query.maxValue) {
    throw new PitstopError('VALIDATION_FAILED', `minValue ${query.minValue} is above maxValue ${query.maxValue}`, { field: 'querystring.minValue' });
  }
  const from = timeParam(query.from, 'from');
  const to = timeParam(query.to, 'to');
  const { model, version, id, feature, value, label, minValue, maxValue } = query;
  return Object.fromEntries(Object.entries({ model, version, from, to, id, feature, value, label, minValue, maxValue }).filter(([, v]) => v !== undefined)) as PredictionQuery;
}
