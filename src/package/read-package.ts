// Reads a .pitstop package and proves it is intact: every file matches the manifest's digest, and the signature (if any) verifies.
import { PitstopError } from '../errors/index.js';
import { manifestDigest, parseManifest, RESOURCE_FILES, type Manifest } from '../manifest/index.js';
import { readPackageArchive } from './archive/index.js';
import { MANIFEST_FILE, SIGNATURE_FILE, sha256 } from './build-package.js';
import { PACKAGE_LIMITS } from './package-limits.js';
import { PackageSignatureSchema, verifyPackageSignature, type PackageSignature } from './signing/index.js';

export interface ReadPackageOptions {
  /** PEM public keys whose signatures are trusted; with none, a signature is reported but not checked. */
  readonly trustedKeys?: readonly string[];
  /** Refuse unsigned packages (and signatures that cannot be checked). */
  readonly requireSignature?: boolean;
}

export type SignatureStatus = 'unsigned' | 'verified' | 'not-checked';

export interface LoadedPackage {
  readonly manifest: Manifest;
  readonly digest: string;
  readonly files: ReadonlyMap<string, Buffer>;
  readonly signature: PackageSignature | null;
  readonly signatureStatus: SignatureStatus;
  readonly size: number;
  modelBytes(): Buffer;
}

export async function readPackage(bytes: Uint8Array, options: ReadPackageOptions = {}): Promise<LoadedPackage> {
  const files = await readPackageArchive(bytes, { admit: admitByManifest() });
  const manifest = parseManifest(parseJsonFile(files, MANIFEST_FILE), MANIFEST_FILE);
  for (const [name, entry] of Object.entries(manifest.files)) {
    const content = files.get(name);
    if (!content) throw new PitstopError('PACKAGE_CORRUPT', `the manifest lists ${name}, which the package does not contain`, { field: `files.${name}` });
    const actual = sha256(content);
    if (actual !== entry.sha256 || content.byteLength !== entry.size) {
      throw new PitstopError('PACKAGE_DIGEST_MISMATCH', `${name} does not match its digest: the manifest says sha256 ${entry.sha256.slice(0, 12)}… (${entry.size} bytes), the file is ${actual.slice(0, 12)}… (${content.byteLength} bytes)`, { field: `files.${name}` });
    }
  }
  for (const name of files.keys()) {
    // Object.hasOwn, not `in`: a file named "constructor" or "toString" must not pass as listed through Object.prototype.
    if (name !== MANIFEST_FILE && name !== SIGNATURE_FILE && !Object.hasOwn(manifest.files, name)) throw unlistedFile(name);
  }
  const digest = manifestDigest(manifest);
  const signature = files.has(SIGNATURE_FILE) ? parseSignature(files) : null;
  checkNamedSigner(manifest, signature);
  const signatureStatus = checkSignature(digest, signature, options);
  return {
    manifest, digest, files, signature, signatureStatus, size: bytes.byteLength,
    modelBytes: () => files.get(RESOURCE_FILES.model)!,
  };
}

/**
 * Checks each file's size from its tar header before it is inflated: manifest.json and signature.json against their
 * ceilings, and once the manifest is read, every other file against the size the manifest lists for it (an unlisted
 * or resized file is refused before a byte of it is inflated).
 */
function admitByManifest(): (name: string, size: number, filesSoFar: ReadonlyMap<string, Buffer>) => void {
  let manifest: Manifest | undefined;
  const tooLarge = (name: string, size: number, limit: number) =>
    new PitstopError('PACKAGE_CORRUPT', `${name} holds ${size} bytes, more than the limit of ${limit}`, { field: name });
  return (name, size, filesSoFar) => {
    if (name === MANIFEST_FILE) {
      if (size > PACKAGE_LIMITS.manifestBytes) throw tooLarge(name, size, PACKAGE_LIMITS.manifestBytes);
      return;
    }
    if (name === SIGNATURE_FILE) {
      if (size > PACKAGE_LIMITS.signatureBytes) throw tooLarge(name, size, PACKAGE_LIMITS.signatureBytes);
      return;
    }
    if (!manifest && filesSoFar.has(MANIFEST_FILE)) manifest = parseManifest(parseJsonFile(filesSoFar, MANIFEST_FILE), MANIFEST_FILE);
    if (!manifest) {
      if (size > PACKAGE_LIMITS.fileBeforeManifestBytes) throw tooLarge(`${name} (before manifest.json)`, size, PACKAGE_LIMITS.fileBeforeManifestBytes);
      return;
    }
    if (!Object.hasOwn(manifest.files, name)) throw unlistedFile(name);
    const listed = manifest.files[name]!.size;
    if (size !== listed) {
      throw new PitstopError('PACKAGE_DIGEST_MISMATCH', `${name} holds ${size} bytes; the manifest says ${listed}`, { field: `files.${name}` });
    }
  };
}

function unlistedFile(name: string): PitstopError {
  return new PitstopError('PACKAGE_CORRUPT', `the package contains ${name}, which its manifest does not list`, { field: name });
}

/** A manifest that names its signer must come with that signer's signature: signature.json cannot just be removed. */
function checkNamedSigner(manifest: Manifest, signature: PackageSignature | null): void {
  if (manifest.signingKeyId === undefined) return;
  if (!signature) {
    throw new PitstopError('SIGNATURE_INVALID', `the manifest says the package is signed by key ${manifest.signingKeyId}, but it has no ${SIGNATURE_FILE}`, { field: SIGNATURE_FILE });
  }
  if (signature.keyId !== manifest.signingKeyId) {
    throw new PitstopError('SIGNATURE_INVALID', `the manifest says the package is signed by key ${manifest.signingKeyId}, but ${SIGNATURE_FILE} is by key ${signature.keyId}`, { field: SIGNATURE_FILE });
  }
}

function checkSignature(digest: string, signature: PackageSignature | null, options: ReadPackageOptions): SignatureStatus {
  const trusted = options.trustedKeys ?? [];
  if (!signature) {
    if (options.requireSignature) throw new PitstopError('SIGNATURE_UNTRUSTED', 'the package is not signed, and a signature is required');
    return 'unsigned';
  }
  if (trusted.length === 0) {
    if (options.requireSignature) throw new PitstopError('SIGNATURE_UNTRUSTED', `the package is signed by key ${signature.keyId}, but no trusted keys are configured`);
    return 'not-checked';
  }
  verifyPackageSignature(digest, signature, trusted);
  return 'verified';
}

function parseSignature(files: ReadonlyMap<string, Buffer>): PackageSignature {
  const parsed = PackageSignatureSchema.safeParse(parseJsonFile(files, SIGNATURE_FILE));
  if (!parsed.success) throw new PitstopError('SIGNATURE_INVALID', `${SIGNATURE_FILE} is malformed: ${parsed.error.issues[0]?.message}`);
  return parsed.data;
}

function parseJsonFile(files: ReadonlyMap<string, Buffer>, name: string): unknown {
  const content = files.get(name);
  if (!content) throw new PitstopError('PACKAGE_CORRUPT', `the package has no ${name}`);
  try {
    return JSON.parse(content.toString('utf8'));
  } catch (error) {
    throw new PitstopError('PACKAGE_CORRUPT', `${name} is not valid JSON: ${(error as Error).message}`);
  }
}
