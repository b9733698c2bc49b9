// Records of the cold archive: what was archived where and until when, each verification, and each deletion
// (a tombstone). All three tables are append-only: an archived version's record can be added to, never changed.

export interface NewArchiveEntry {
  readonly model: string;
  readonly version: number;
  readonly packageDigest: string;
  /** Key (SHA-256) of the package file in the archive store. */
  readonly packageKey: string;
  /** Key of the archive manifest: the list of every archived file with its digest. */
  readonly manifestKey: string;
  /** The archive store's location when archived (for people; the store is configured, not read from here). */
  readonly location: string;
  readonly retainUntil: string;
  readonly reason: string;
}

export interface ArchiveVerification {
  readonly id: number;
  readonly model: string;
  readonly version: number;
  readonly checkedAt: string;
  readonly checkedBy: string;
  readonly ok: boolean;
  readonly checkedFiles: number;
  /** One line per problem found (a missing file, a digest mismatch, a bad signature). */
  readonly problems: readonly string[];
}

export type NewArchiveVerification = Omit<ArchiveVerification, 'id' | 'checkedAt'>;

export interface ArchiveDeletion {
  readonly deletedAt: string;
  readonly deletedBy: string;
  readonly reason: string;
}

export interface ArchiveEntry extends NewArchiveEntry {
  readonly archivedAt: string;
  readonly archivedBy: string;
  readonly lastVerification: ArchiveVerification | null;
  /** Set once the files were deleted after the retention date; the entry itself stays as the tombstone. */
  readonly deletion: ArchiveDeletion | null;
}
