// Builds a .pitstop package: checks the ONNX model against the manifest, makes it servable, profiles the reference data, hashes every file.
import { createHash } from 'node:crypto';
import { PitstopError } from '../errors/index.js';
import { eachTableRow, type Table } from '../dataset/index.js';
import { manifestDigest, parseManifest, RESOURCE_FILES, type Manifest, type ManifestSpec } from '../manifest/index.js';
import { decodeOnnxModel, describeOnnxModelProto, removeZipMap } from '../onnx/index.js';
import { computeReferenceProfile } from '../profile/index.js';
import { ModelSession, type FeatureRecord } from '../runtime/index.js';
import { writePackageArchive } from './archive/index.js';
import { checkModelContract } from './check-model-contract.js';
import { checkProbabilityOutputs } from './check-output-roles.js';
import { PACKAGE_LIMITS } from './package-limits.js';
import { privateKeyIdOf, signPackageDigest, type PackageSignature } from './signing/index.js';
import { smokeInputFrom } from './smoke-input.js';
import { verifyZipMapRemoval } from './verify-zipmap-removal.js';

export const SIGNATURE_FILE = 'signature.json';
export const MANIFEST_FILE = 'manifest.json';

export interface BuildPackageInput {
  readonly modelBytes: Uint8Array;
  readonly spec: ManifestSpec;
  /** Training or reference data: profiled as the drift baseline and used to check the model runs. */
  readonly reference?: { readonly table: Table; readonly digest: string; readonly source: string };
  readonly readme?: string;
  /** The fitted feature pipeline (already inside the ONNX graph), kept as JSON so people and retraining can read it. */
  readonly preprocessing?: unknown;
  readonly signingKeyPem?: string;
  readonly createdBy: string;
  readonly now?: Date;
}

export interface BuiltPackage {
  readonly bytes: Buffer;
  readonly manifest: Manifest;
  readonly digest: string;
  readonly signature: PackageSignature | null;
}

/** Rows checked when verifying a rewritten model against the original. */
const VERIFY_ROWS = 500;

export async function buildPackage(input: BuildPackageInput): Promise<BuiltPackage> {
  const { spec } = input;
  // Decoded once (fails early, with ONNX_INVALID, on bytes that are not a model), and again only if rewritten.
  const decoded = decodeOnnxModel(input.modelBytes);
  const { bytes: modelBytes, changes } = removeZipMap(input.modelBytes, decoded);
  const description = describeOnnxModelProto(changes.length === 0 ? decoded : decodeOnnxModel(modelBytes));
  const maxBatchSize = checkModelContract(spec, description);

  const outputs = spec.outputs.map((output) => {
    const change = changes.find((c) => c.output === output.name);
    return change && output.role === 'probabilities' && !output.classes ? { ...output, classes: change.classLabels } : output;
  });
  // Records are made only for the rows looked at, not for the whole reference table.
  const rows = () => (input.reference ? eachTableRow(input.reference.table) : []);
  const smokeInput = smokeInputFrom(spec.features, rows());
  const checkRows = input.reference && input.reference.table.rowCount > 0 ? smokeInputFrom(spec.features, rows(), VERIFY_ROWS) : smokeInput;
  const contract = { features: spec.features, inputs: spec.inputs, outputs, maxBatchSize };
  const verifiedRows = changes.length > 0 ? await verifyZipMapRemoval(input.modelBytes, modelBytes, contract, checkRows) : 0;

  const files = new Map<string, Uint8Array>([[RESOURCE_FILES.model, modelBytes]]);
  if (input.reference) {
    const profile = computeReferenceProfile(input.reference.table, spec.features);
    files.set(RESOURCE_FILES.referenceProfile, Buffer.from(`${JSON.stringify(profile, null, 2)}\n`));
  }
  if (input.readme) files.set(RESOURCE_FILES.readme, Buffer.from(input.readme));
  if (input.preprocessing !== undefined) files.set(RESOURCE_FILES.preprocessing, Buffer.from(`${JSON.stringify(input.preprocessing, null, 2)}\n`));
  if (spec.lineage.metrics) files.set(RESOURCE_FILES.metrics, Buffer.from(`${JSON.stringify(spec.lineage.metrics, null, 2)}\n`));

  const manifest = parseManifest(
    {
      ...spec,
      outputs,
      schemaVersion: 1,
      lineage: {
        ...spec.lineage,
        ...(input.reference && !spec.lineage.trainingData
          ? { trainingData: { digest: input.reference.digest, rows: input.reference.table.rowCount, source: input.reference.source } }
          : {}),
        createdBy: spec.lineage.createdBy ?? input.createdBy,
        createdAt: spec.lineage.createdAt ?? (input.now ?? new Date()).toISOString(),
      },
      onnx: { irVersion: description.irVersion, opsets: description.opsets, producer: description.producer, operators: description.operators },
      maxBatchSize,
      modifications: changes.map((c) => ({ kind: 'zipmap-removed', output: c.output, sourceTensor: c.sourceTensor, classes: c.classLabels, verifiedRows })),
      smokeInput,
      ...(input.signingKeyPem ? { signingKeyId: privateKeyIdOf(input.signingKeyPem) } : {}),
      files: Object.fromEntries([...files].map(([name, bytes]) => [name, { sha256: sha256(bytes), size: bytes.byteLength }])),
    },
    'built manifest',
  );
  await runSmokeInput(modelBytes, manifest, checkRows);

  const digest = manifestDigest(manifest);
  const manifestBytes = Buffer.from(`${JSON.stringify(manifest, null, 2)}\n`);
  if (manifestBytes.byteLength > PACKAGE_LIMITS.manifestBytes) {
    throw new PitstopError('MANIFEST_INVALID', `the manifest would hold ${manifestBytes.byteLength} bytes, more than the ${PACKAGE_LIMITS.manifestBytes} a package may hold; shorten descriptions or category lists`);
  }
  files.set(MANIFEST_FILE, manifestBytes);
  const signature = input.signingKeyPem ? signPackageDigest(digest, input.signingKeyPem) : null;
  if (signature) files.set(SIGNATURE_FILE, Buffer.from(`${JSON.stringify(signature, null, 2)}\n`));
  return { bytes: await writePackageArchive(files), manifest, digest, signature };
}

/**
 * The package must score its own smoke input, or it would fail at the first load on a server; when building, the
 * rows checked (the reference's, or the smoke input) must also give real probabilities where the manifest says so.
 */
export async function runSmokeInput(modelBytes: Uint8Array, manifest: Manifest, roleCheckRows?: readonly FeatureRecord[]): Promise<void> {
  const session = await ModelSession.load(modelBytes, manifest);
  try {
    try {
      await session.predict(manifest.smokeInput);
    } catch (error) {
      throw new PitstopError('ONNX_INVALID', `the model fails on its smoke input: ${(error as Error).message.split('\n')[0]}`, { cause: error });
    }
    if (roleCheckRows) await checkProbabilityOutputs(session, manifest, roleCheckRows);
  } finally {
    await session.release();
  }
}

export function sha256(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}
