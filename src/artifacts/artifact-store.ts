// ArtifactStore: content-addressed blob storage for packages; the key of a blob is the SHA-256 of its bytes.

export interface StoredArtifact {
  /** Hex SHA-256 of the bytes: the artifact's key. */
  readonly key: string;
  readonly size: number;
  /** False when identical bytes were already stored (the blob is kept once). */
  readonly created: boolean;
}

export interface ArtifactStore {
  /** Stores bytes under their SHA-256; storing the same bytes twice keeps one copy. */
  put(bytes: Uint8Array): Promise<StoredArtifact>;
  /** Reads a blob and verifies it still hashes to its key (ARTIFACT_DIGEST_MISMATCH otherwise, ARTIFACT_NOT_FOUND when absent). */
  get(key: string): Promise<Buffer>;
  has(key: string): Promise<boolean>;
  /** Removes a blob; false when it was not there. Callers decide when that is allowed (the archive's retention). */
  delete(key: string): Promise<boolean>;
  /** Where the store lives, for messages (never includes credentials). */
  readonly location: string;
  /** Releases connections (S3's client); stores that hold none have no close. */
  close?(): Promise<void>;
}
