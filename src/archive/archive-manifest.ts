// The archive manifest: what an archived version's record consists of, each file with its SHA-256. Stored in the
// archive itself (content-addressed, so its own key is its digest) and referenced from the database entry.
import { z } from 'zod';
import { PitstopError } from '../errors/index.js';

export const ARCHIVE_MANIFEST_FORMAT = 'pitstop.archive';

const FileEntry = z.object({ sha256: z.string().regex(/^[0-9a-f]{64}$/), size: z.number().int().nonnegative() }).strict();

export const ArchiveManifestSchema = z
  .object({
    format: z.literal(ARCHIVE_MANIFEST_FORMAT),
    formatVersion: z.literal(1),
    model: z.string(),
    version: z.number().int().positive(),
    packageDigest: z.string(),
    signedBy: z.string().nullable(),
    archivedAt: z.string(),
    archivedBy: z.string(),
    retainUntil: z.string(),
    reason: z.string(),
    /** package.pitstop, version.json, audit.json, training-runs.json, monitoring-windows.json. */
    files: z.record(z.string(), FileEntry),
  })
  .strict();

export type ArchiveManifest = z.infer<typeof ArchiveManifestSchema>;

export function parseArchiveManifest(bytes: Uint8Array, key: string): ArchiveManifest {
  let json: unknown;
  try {
    json = JSON.parse(Buffer.from(bytes).toString('utf8'));
  } catch {
    throw new PitstopError('ARCHIVE_VERIFICATION_FAILED', `archive manifest ${key} is not JSON`);
  }
  const parsed = ArchiveManifestSchema.safeParse(json);
  if (!parsed.success) throw new PitstopError('ARCHIVE_VERIFICATION_FAILED', `archive manifest ${key} is not a ${ARCHIVE_MANIFEST_FORMAT} manifest: ${parsed.error.issues[0]?.message}`);
  return parsed.data;
}
