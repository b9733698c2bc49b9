// POST /v1/feedback: the application that asked for predictions sends their outcomes (labels), one or a batch;
// GET /v1/predictions/{id}/labels: a prediction's label history, corrections included.
import { z } from 'zod';
import { fieldPath } from '../../../manifest/index.js';
import { isPitstopError, PitstopError } from '../../../errors/index.js';
import type { LabelRecord, NewLabel } from '../../../store/index.js';
import type { RegisterRoutes } from '../../route-context.js';
import { describeValue, zodIssueMessage } from '../../validation/index.js';

export const MAX_LABELS_PER_REQUEST = 10_000;

const PredictionId = z.string().min(1).max(128).describe('an id from `prediction_ids` in a prediction answer');
const Actual = z.union([z.string().max(10_000), z.number(), z.boolean()], {
  error: (issue) => `expected a string, a number or a boolean, got ${describeValue(issue.input)}`,
}).describe('what the right answer turned out to be: a class, a number or true/false');
const Reason = z.string().max(1_000).describe('why, e.g. for a correction');
const Correct = z.boolean().describe('supersede the latest label instead of refusing a second one (409)');

const LabelItem = z.strictObject({ prediction_id: PredictionId, actual: Actual, reason: Reason.optional() });
const SingleLabelBody = z.strictObject({ prediction_id: PredictionId, actual: Actual, reason: Reason.optional(), correct: Correct.optional() });
const LabelBatchBody = z.strictObject({ labels: z.array(LabelItem).min(1).max(MAX_LABELS_PER_REQUEST, `must hold at most ${MAX_LABELS_PER_REQUEST} labels; split the batch`), correct: Correct.optional() });
type FeedbackBody = z.infer<typeof SingleLabelBody> | z.infer<typeof LabelBatchBody>;

const bodyJsonSchema = (() => {
  const { $schema: _dialect, ...rest } = z.toJSONSchema(z.union([SingleLabelBody, LabelBatchBody]), { target: 'draft-7', io: 'input' }) as Record<string, unknown>;
  return { description: `One label ({"prediction_id", "actual"}) or up to ${MAX_LABELS_PER_REQUEST} ({"labels": [...]}); a batch is stored whole or not at all`, ...rest };
})();

const storedLabels = {
  type: 'object',
  properties: {
    labels: { type: 'array', items: { type: 'object', properties: { id: { type: 'integer' }, prediction_id: { type: 'string' }, supersedes: { type: ['integer', 'null'] } } } },
  },
};

export const registerFeedbackRoutes: RegisterRoutes = (app, ctx) => {
  app.post<{ Body: FeedbackBody }>('/v1/feedback', {
    config: { role: 'predictor' },
    schema: {
      tags: ['feedback'],
      summary: 'Label logged predictions with what actually happened',
      description: 'Each prediction takes one label; a second is refused (409) unless sent with `"correct": true`, which supersedes the latest one and keeps it in the history.',
      body: bodyJsonSchema,
      response: { 201: storedLabels },
    },
    // Fastify's Ajv coerces types (null → "", 3 → "3", [1] → 1), which would store labels nobody sent; zod checks strictly.
    validatorCompiler: () => strictFeedbackBody,
    async handler(request, reply) {
      const body = request.body;
      const single = !('labels' in body);
      const labels: NewLabel[] = single ? [newLabel(body)] : body.labels.map(newLabel);
      let stored: LabelRecord[];
      try {
        stored = await ctx.feedback.addLabels(labels, request.callerKeyId ?? 'anonymous', { correct: body.correct ?? false });
      } catch (error) {
        throw single ? asSingleLabel(error) : error;
      }
      return reply.status(201).send({ labels: stored.map((l) => ({ id: l.id, prediction_id: l.predictionId, supersedes: l.supersedes })) });
    },
  });

  app.get<{ Params: { id: string } }>('/v1/predictions/:id/labels', {
    config: { role: 'viewer' },
    schema: { tags: ['feedback'], summary: 'The labels of a prediction, oldest first, corrections included', params: { type: 'object', properties: { id: { type: 'string' } }, required: ['id'] } },
    async handler(request) {
      const history = await ctx.feedback.labelHistory(request.params.id);
      return {
        prediction_id: request.params.id,
        labels: history.map((l) => ({ id: l.id, actual: l.actual, labelled_at: l.at, labelled_by: l.actor, supersedes: l.supersedes, reason: l.reason })),
      };
    },
  });
};

function newLabel(item: { prediction_id: string; actual: string | number | boolean; reason?: string | undefined }): NewLabel {
  return { predictionId: item.prediction_id, actual: item.actual, ...(item.reason !== undefined && { reason: item.reason }) };
}

/** A batch body has `labels`; anything else is read as one label, so errors name that form's fields. */
function strictFeedbackBody(body: unknown): { value: FeedbackBody } | { error: PitstopError } {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    return { error: new PitstopError('VALIDATION_FAILED', `the body must be a JSON object, got ${describeValue(body)}`, { field: 'body' }) };
  }
  const parsed = 'labels' in body ? LabelBatchBody.safeParse(body, { reportInput: true }) : SingleLabelBody.safeParse(body, { reportInput: true });
  if (parsed.success) return { value: parsed.data };
  const errors = parsed.error.issues.slice(0, 100).map((issue) => ({ field: fieldPath(issue.path) || 'body', message: zodIssueMessage(issue) }));
  const more = parsed.error.issues.length > 1 ? ` (and ${parsed.error.issues.length - 1} more)` : '';
  return { error: new PitstopError('VALIDATION_FAILED', `${errors[0]!.field}: ${errors[0]!.message}${more}`, { field: errors[0]!.field, errors }) };
}

/** The store names fields as `labels[0].prediction_id`; a single-label body has them at the top. */
function asSingleLabel(error: unknown): unknown {
  if (!isPitstopError(error)) return error;
  const top = (field: string) => field.replace(/^labels\[0\]\./, '');
  return new PitstopError(error.code, error.message, {
    ...(error.field !== undefined && { field: top(error.field) }),
    errors: error.errors.map((e) => ({ field: top(e.field), message: e.message })),
    cause: error,
    ...(error.details !== undefined && { details: error.details }),
  });
}
