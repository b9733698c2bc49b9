// The Open Inference Protocol V2 REST bodies (KServe, Triton, MLServer) as zod schemas, and the JSON Schemas routes declare.
// Tensor `data` is only declared an array here: its elements are checked against the datatype while it is flattened.
import { z } from 'zod';

export const V2_DATATYPES = ['BOOL', 'UINT8', 'UINT16', 'UINT32', 'UINT64', 'INT8', 'INT16', 'INT32', 'INT64', 'FP16', 'FP32', 'FP64', 'BYTES'] as const;
export type V2Datatype = (typeof V2_DATATYPES)[number];

const V2Parameters = z.record(z.string(), z.unknown());
const V2Name = z.string().min(1);

export const V2RequestInputSchema = z.object({
  name: V2Name,
  shape: z.array(z.number().int().nonnegative()),
  datatype: z.enum(V2_DATATYPES),
  /** Row-major values, flat or nested as the shape. */
  data: z.array(z.unknown()),
  parameters: V2Parameters.optional(),
});

export const V2RequestOutputSchema = z.object({ name: V2Name, parameters: V2Parameters.optional() });

export const V2InferenceRequestSchema = z.object({
  id: z.string().optional(),
  parameters: V2Parameters.optional(),
  inputs: z.array(V2RequestInputSchema).min(1),
  /** The outputs to return; all of the model's when absent. */
  outputs: z.array(V2RequestOutputSchema).optional(),
});

export const V2OutputSchema = z.object({
  name: V2Name,
  shape: z.array(z.number().int().nonnegative()),
  datatype: z.enum(V2_DATATYPES),
  /** Flat, row-major. */
  data: z.array(z.unknown()),
  parameters: V2Parameters.optional(),
});

export const V2InferenceResponseSchema = z.object({
  model_name: z.string(),
  model_version: z.string().optional(),
  id: z.string().optional(),
  parameters: V2Parameters.optional(),
  outputs: z.array(V2OutputSchema),
});

/** A tensor in model metadata: -1 marks a dimension of any size. */
export const V2TensorMetadataSchema = z.object({
  name: z.string(),
  datatype: z.enum(V2_DATATYPES),
  shape: z.array(z.number().int().min(-1)),
});

export const V2ModelMetadataSchema = z.object({
  name: z.string(),
  versions: z.array(z.string()).optional(),
  platform: z.string(),
  inputs: z.array(V2TensorMetadataSchema),
  outputs: z.array(V2TensorMetadataSchema),
});

export const V2ErrorSchema = z.object({ error: z.string() });

export type V2RequestInput = z.infer<typeof V2RequestInputSchema>;
export type V2InferenceRequest = z.infer<typeof V2InferenceRequestSchema>;
export type V2Output = z.infer<typeof V2OutputSchema>;
export type V2InferenceResponse = z.infer<typeof V2InferenceResponseSchema>;
export type V2TensorMetadata = z.infer<typeof V2TensorMetadataSchema>;
export type V2ModelMetadata = z.infer<typeof V2ModelMetadataSchema>;
export type V2Error = z.infer<typeof V2ErrorSchema>;

type JsonSchema = Record<string, unknown>;

/**
 * Draft-07 (what Fastify's Ajv speaks) without `$schema`, so the schema embeds in a route and in the OpenAPI document.
 * Input mode leaves out `additionalProperties: false`: with Fastify's `removeAdditional` that would silently drop
 * fields the protocol lets clients add.
 */
function routeJsonSchema(schema: z.ZodType, description: string): JsonSchema {
  const { $schema: _dialect, ...rest } = z.toJSONSchema(schema, { target: 'draft-7', io: 'input' }) as JsonSchema;
  return { description, ...rest };
}

export const V2InferenceRequestJsonSchema = routeJsonSchema(V2InferenceRequestSchema, 'Open Inference Protocol V2 inference request: one tensor per model input, or one [N] tensor per feature');
export const V2InferenceResponseJsonSchema = routeJsonSchema(V2InferenceResponseSchema, 'Open Inference Protocol V2 inference response');
export const V2ModelMetadataJsonSchema = routeJsonSchema(V2ModelMetadataSchema, 'Open Inference Protocol V2 model metadata');
export const V2ErrorJsonSchema = routeJsonSchema(V2ErrorSchema, 'Open Inference Protocol V2 error');
