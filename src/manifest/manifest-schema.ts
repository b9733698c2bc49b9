// The package manifest: the zod schema is the source of truth for validation, TypeScript types and schemas/manifest.schema.json.
import { z } from 'zod';

// No regex flags: JSON Schema patterns have none, so an /i here would make schemas/manifest.schema.json stricter than the parser.
const NAME_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._-]{0,127}$/;

/** `datetime`: an ISO-8601 string or epoch milliseconds in a record, epoch seconds (int64) or the text in a tensor. */
export const FEATURE_TYPES = ['number', 'integer', 'boolean', 'category', 'string', 'datetime'] as const;
export const TASKS = ['classification', 'regression', 'ranking', 'other'] as const;
export const TENSOR_TYPES = ['float32', 'float64', 'int64', 'int32', 'string', 'bool'] as const;
export const OUTPUT_ROLES = ['label', 'probabilities', 'score', 'value', 'ranking', 'other'] as const;

/** The default and the ceiling of a feature's maxLength: a request body holds at most 8 MiB anyway. */
export const DEFAULT_TEXT_FEATURE_LENGTH = 65_536;
export const MAX_TEXT_FEATURE_LENGTH = 4_194_304;

const Scalar = z.union([z.string(), z.number(), z.boolean()]);

export const FEATURE_NAME_PATTERN = /^[A-Za-z_][A-Za-z0-9_.-]{0,127}$/;
const FEATURE_NAME_RULE = 'a feature name starts with a letter or _ and holds letters, digits, _ . -';
/** Names of feature tables (the online feature store), as `pitstop features load TABLE` takes them. */
export const FEATURE_TABLE_NAME_PATTERN = /^[A-Za-z][A-Za-z0-9_-]{0,127}$/;

export const FeatureSchema = z
  .object({
    name: z.string().regex(FEATURE_NAME_PATTERN, FEATURE_NAME_RULE),
    type: z.enum(FEATURE_TYPES),
    required: z.boolean().default(true),
    description: z.string().optional(),
    /** Used when an optional feature is missing from a record. */
    default: Scalar.optional(),
    min: z.number().optional(),
    max: z.number().optional(),
    /** Allowed values of a category feature; absent means any value. */
    categories: z.array(z.union([z.string(), z.number()])).min(1).optional(),
    /** Whether NaN (a missing number) may reach the model, e.g. when the graph imputes it. */
    allowNaN: z.boolean().default(false),
    /** Longest text a string or category value may hold, in characters; 65,536 when absent. */
    maxLength: z.number().int().min(1).max(MAX_TEXT_FEATURE_LENGTH).optional(),
  })
  .strict()
  .refine((f) => f.min === undefined || f.max === undefined || f.min <= f.max, { message: 'min must not exceed max', path: ['min'] })
  .refine((f) => f.categories === undefined || f.type === 'category', { message: 'only category features have categories', path: ['categories'] })
  .refine((f) => f.maxLength === undefined || f.type === 'string' || f.type === 'category', { message: 'only string and category features have a maxLength', path: ['maxLength'] });

/** How features become one ONNX input: each listed feature is one column of a [N, k] tensor (or of [N] when rank is 1). */
export const ModelInputSchema = z
  .object({
    name: z.string().min(1),
    dtype: z.enum(TENSOR_TYPES),
    features: z.array(z.string()).min(1),
    /** Declared rank of the tensor: 2 for [N, k] (the usual), 1 for [N]. */
    rank: z.union([z.literal(1), z.literal(2)]).default(2),
  })
  .strict();

export const ModelOutputSchema = z
  .object({
    name: z.string().min(1),
    role: z.enum(OUTPUT_ROLES),
    description: z.string().optional(),
    /** Class labels in the column order of a probabilities output. */
    classes: z.array(z.union([z.string(), z.number()])).optional(),
  })
  .strict();

export const LineageSchema = z
  .object({
    trainingData: z
      .object({ digest: z.string().optional(), rows: z.number().int().nonnegative().optional(), source: z.string().optional() })
      .strict()
      .optional(),
    codeRevision: z.string().optional(),
    parameters: z.record(z.string(), z.unknown()).optional(),
    metrics: z.record(z.string(), z.number()).optional(),
    createdBy: z.string().optional(),
    createdAt: z.string().datetime({ offset: true }).optional(),
  })
  .strict();

/**
 * Features a served model takes from a feature table by a key of the request: the caller sends `{"user_id": 42}` and
 * the server fills in the listed features from the table's row for 42 before validation, so the logged input (and a
 * replay) holds exactly the values the model saw.
 */
export const ManifestLookupSchema = z
  .object({
    /** The feature table (created by `pitstop features load TABLE ...`). */
    table: z.string().regex(FEATURE_TABLE_NAME_PATTERN, 'a feature table name starts with a letter and holds letters, digits, _ -'),
    /** The request field holding the entity key; it need not be a feature of the model. */
    key: z.string().regex(FEATURE_NAME_PATTERN, FEATURE_NAME_RULE),
    /** Columns of the table that fill the manifest features of the same names; a caller may not send these. */
    features: z.array(z.string()).min(1),
    /** true: a key the table has no row for is a 404 problem naming it; false: the features stay missing, so their defaults apply. */
    required: z.boolean().default(true),
  })
  .strict();

/** What an author writes (pitstop.yaml / pitstop.json); `package build` completes it into a Manifest. */
export const ManifestSpecSchema = z
  .object({
    name: z.string().regex(NAME_PATTERN, 'a model name holds letters, digits, . _ - (at most 128, starting with a letter or digit)'),
    version: z.string().min(1).max(64),
    description: z.string().optional(),
    task: z.enum(TASKS),
    framework: z.object({ name: z.string().min(1), version: z.string().optional() }).strict(),
    features: z.array(FeatureSchema).min(1),
    inputs: z.array(ModelInputSchema).min(1),
    outputs: z.array(ModelOutputSchema).min(1),
    lineage: LineageSchema.default({}),
    runtime: z.object({ onnxruntime: z.string().default('>=1.16.0') }).strict().default({ onnxruntime: '>=1.16.0' }),
    // No default: a manifest without lookups must parse to the same object (and digest) as before lookups existed.
    lookups: z.array(ManifestLookupSchema).min(1).optional(),
  })
  .strict()
  .superRefine(checkLookupReferences);

export const FileEntrySchema = z.object({ sha256: z.string().regex(/^[0-9a-f]{64}$/), size: z.number().int().nonnegative() }).strict();

export const ModificationSchema = z
  .object({
    kind: z.literal('zipmap-removed'),
    output: z.string(),
    sourceTensor: z.string(),
    classes: z.array(z.union([z.string(), z.number()])),
    /** Rows on which the rewritten model's labels were checked against the original's. */
    verifiedRows: z.number().int().nonnegative(),
  })
  .strict();

export const RESOURCE_FILES = {
  model: 'model.onnx',
  referenceProfile: 'reference-profile.json',
  preprocessing: 'preprocessing.json',
  labels: 'labels.json',
  metrics: 'metrics.json',
  readme: 'README.md',
} as const;

// safeExtend keeps the spec's refinements (the lookup checks) in the manifest's schema.
export const ManifestSchema = ManifestSpecSchema.safeExtend({
  schemaVersion: z.literal(1),
  onnx: z
    .object({
      irVersion: z.number().int(),
      opsets: z.array(z.object({ domain: z.string(), version: z.number().int() }).strict()),
      producer: z.object({ name: z.string(), version: z.string() }).strict(),
      operators: z.array(z.string()),
    })
    .strict(),
  /** Most records one session.run may take (1 for models with a fixed batch dimension), or null for any. */
  maxBatchSize: z.number().int().positive().nullable(),
  modifications: z.array(ModificationSchema),
  /** Records that must run, checked when a server loads the package. */
  smokeInput: z.array(z.record(z.string(), z.union([Scalar, z.null()]))).min(1),
  /**
   * The key that signs this manifest's digest (set by `package build --sign`). Being inside the digest, it cannot be
   * dropped along with signature.json: a package that names a signer but carries no signature is refused.
   */
  signingKeyId: z.string().regex(/^[0-9a-f]{16}$/, 'a key id is 16 lowercase hex characters').optional(),
  /** SHA-256 and size of every file in the package except manifest.json and signature.json. */
  files: z.record(z.string(), FileEntrySchema).refine((files) => RESOURCE_FILES.model in files, { message: 'files must include model.onnx' }),
}).strict();

export type Feature = z.infer<typeof FeatureSchema>;
export type FeatureType = Feature['type'];
export type ModelInput = z.infer<typeof ModelInputSchema>;
export type ModelOutput = z.infer<typeof ModelOutputSchema>;
export type Lineage = z.infer<typeof LineageSchema>;
export type ManifestLookup = z.infer<typeof ManifestLookupSchema>;
export type ManifestSpec = z.infer<typeof ManifestSpecSchema>;
export type ManifestSpecInput = z.input<typeof ManifestSpecSchema>;
export type Manifest = z.infer<typeof ManifestSchema>;
export type Modification = z.infer<typeof ModificationSchema>;
export type TensorType = ModelInput['dtype'];

/** Each looked-up feature is a declared feature filled by one lookup only, and no key is itself looked up. */
function checkLookupReferences(spec: { features: readonly { name: string }[]; lookups?: readonly ManifestLookup[] | undefined }, ctx: z.RefinementCtx): void {
  if (!spec.lookups) return;
  const declared = new Set(spec.features.map((f) => f.name));
  const filledBy = new Map<string, number>();
  spec.lookups.forEach((lookup, i) => {
    lookup.features.forEach((name, j) => {
      const path = ['lookups', i, 'features', j];
      if (!declared.has(name)) ctx.addIssue({ code: 'custom', path, message: `"${name}" is not a declared feature` });
      else if (filledBy.has(name)) ctx.addIssue({ code: 'custom', path, message: `feature "${name}" is already looked up by lookups[${filledBy.get(name)}]` });
      else filledBy.set(name, i);
    });
  });
  spec.lookups.forEach((lookup, i) => {
    if (filledBy.has(lookup.key)) ctx.addIssue({ code: 'custom', path: ['lookups', i, 'key'], message: `"${lookup.key}" is looked up by lookups[${filledBy.get(lookup.key)}]; a key must come from the request` });
  });
}
