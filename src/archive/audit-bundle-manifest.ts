// The audit bundle's table of contents: every file with its SHA-256 and size, so a bundle can be checked offline.
import { z } from 'zod';
import { PitstopError } from '../errors/index.js';

export const AUDIT_BUNDLE_FORMAT = 'pitstop.audit-bundle';
export const AUDIT_BUNDLE_MANIFEST = 'manifest.json';

/** The bundle's files besides the packages (packages/<model>-v<N>.pitstop) and the manifest. */
export const AUDIT_BUNDLE_FILES = {
  readme: 'README.txt',
  versions: 'versions.json',
  stageHistory: 'stage-history.json',
  rules: 'rules.json',
  decisions: 'decisions.jsonl',
  predictions: 'predictions.jsonl',
  runCompanions: 'run-companions.jsonl',
  replays: 'replays.jsonl',
  explanations: 'explanations.jsonl',
  labels: 'labels.jsonl',
} as const;

const FileEntry = z.object({ sha256: z.string().regex(/^[0-9a-f]{64}$/), size: z.number().int().nonnegative() }).strict();

export const AuditBundleManifestSchema = z
  .object({
    format: z.literal(AUDIT_BUNDLE_FORMAT),
    formatVersion: z.literal(1),
    model: z.string(),
    from: z.string().nullable(),
    to: z.string().nullable(),
    /** Set when the auditor asked for particular predictions rather than a period. */
    selectedIds: z.array(z.string()).nullable(),
    exportedAt: z.string(),
    exportedBy: z.string(),
    /** What made the replays and explanations in the bundle. */
    producedWith: z.object({ pitstop: z.string(), runtime: z.string(), node: z.string(), platform: z.string() }).strict(),
    counts: z.object({ versions: z.number().int(), predictions: z.number().int(), replayed: z.number().int(), identical: z.number().int(), explained: z.number().int() }).strict(),
    files: z.record(z.string(), FileEntry),
  })
  .strict();

export type AuditBundleManifest = z.infer<typeof AuditBundleManifestSchema>;

export function parseAuditBundleManifest(bytes: Buffer | undefined): AuditBundleManifest {
  if (!bytes) throw new PitstopError('BUNDLE_INVALID', `the bundle has no ${AUDIT_BUNDLE_MANIFEST}`, { field: AUDIT_BUNDLE_MANIFEST });
  let json: unknown;
  try {
    json = JSON.parse(bytes.toString('utf8'));
  } catch {
    throw new PitstopError('BUNDLE_INVALID', `${AUDIT_BUNDLE_MANIFEST} is not JSON`, { field: AUDIT_BUNDLE_MANIFEST });
  }
  const parsed = AuditBundleManifestSchema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new PitstopError('BUNDLE_INVALID', `${AUDIT_BUNDLE_MANIFEST} is not an audit bundle manifest: ${issue.path.join('.')}: ${issue.message}`, { field: AUDIT_BUNDLE_MANIFEST });
  }
  return parsed.data;
}

export function packagePathInBundle(model: string, version: number): string {
  return `packages/${model}-v${version}.pitstop`;
}

export function jsonLines(values: readonly unknown[]): Buffer {
  return Buffer.from(values.map((value) => `${JSON.stringify(value)}\n`).join(''));
}

export function parseJsonLines<T>(bytes: Buffer | undefined, name: string): T[] {
  if (!bytes) throw new PitstopError('BUNDLE_INVALID', `the bundle has no ${name}`, { field: name });
  return bytes.toString('utf8').split('\n').filter((line) => line.length > 0).map((line, i) => {
    try {
      return JSON.parse(line) as T;
    } catch {
      throw new PitstopError('BUNDLE_INVALID', `${name} line ${i + 1} is not JSON`, { field: name });
    }
  });
}
