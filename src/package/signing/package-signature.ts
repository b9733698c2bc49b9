// Ed25519 signatures over a package digest: sign a digest, and verify a signature against the trusted keys.
import { sign, verify } from 'node:crypto';
import { z } from 'zod';
import { PitstopError } from '../../errors/index.js';
import { keyIdOf, parsePrivateKey, parsePublicKey } from './signing-keys.js';

const KEY_ID_PATTERN = /^[0-9a-f]{16}$/;
const DIGEST_PATTERN = /^[0-9a-f]{64}$/;
// 64 signature bytes in standard base64 with padding.
const SIGNATURE_PATTERN = /^[A-Za-z0-9+/]{86}==$/;

export const PackageSignatureSchema = z.object({
  algorithm: z.literal('ed25519'),
  keyId: z.string().regex(KEY_ID_PATTERN, 'a key id is 16 lowercase hex characters'),
  signedDigest: z.string().regex(DIGEST_PATTERN, 'a package digest is 64 lowercase hex characters (SHA-256)'),
  signature: z.string().regex(SIGNATURE_PATTERN, 'an Ed25519 signature is 64 bytes in base64'),
});

export type PackageSignature = z.infer<typeof PackageSignatureSchema>;

/** Signs a package digest (64 lowercase hex characters) with an Ed25519 private key in PKCS#8 PEM. */
export function signPackageDigest(digestHex: string, privateKeyPem: string): PackageSignature {
  if (!DIGEST_PATTERN.test(digestHex)) {
    throw new PitstopError('VALIDATION_FAILED', `not a package digest: ${JSON.stringify(digestHex)} (expected 64 lowercase hex characters)`, { field: 'digest' });
  }
  const privateKey = parsePrivateKey(privateKeyPem, 'private key');
  const signature = sign(null, signedMessage(digestHex), privateKey);
  return { algorithm: 'ed25519', keyId: keyIdOf(privateKey), signedDigest: digestHex, signature: signature.toString('base64') };
}

/**
 * Checks that `signature` is a valid signature of `digestHex` by one of the trusted keys (SPKI PEM) and returns that key's id.
 * SIGNATURE_INVALID when it is malformed, made for another digest or does not verify; SIGNATURE_UNTRUSTED when no trusted key has its key id.
 */
export function verifyPackageSignature(digestHex: string, signature: PackageSignature, trustedPublicKeysPem: readonly string[]): { keyId: string } {
  const parsed = PackageSignatureSchema.safeParse(signature);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => `${issue.path.join('.') || 'signature'}: ${issue.message}`).join('; ');
    throw new PitstopError('SIGNATURE_INVALID', `package signature is malformed (${problems})`, { cause: parsed.error });
  }
  const { keyId, signedDigest } = parsed.data;
  if (signedDigest !== digestHex) {
    throw new PitstopError('SIGNATURE_INVALID', `the signature is for package digest ${signedDigest}, not ${digestHex}`);
  }
  const trusted = trustedPublicKeysPem.map((pem, index) => parsePublicKey(pem, `trusted key #${index + 1}`));
  const key = trusted.find((candidate) => keyIdOf(candidate) === keyId);
  if (!key) {
    const known = trusted.length === 0 ? 'no keys are trusted' : `trusted key ids: ${trusted.map((k) => keyIdOf(k)).join(', ')}`;
    throw new PitstopError('SIGNATURE_UNTRUSTED', `package is signed by key ${keyId}, which is not trusted (${known})`, { details: { keyId } });
  }
  if (!verify(null, signedMessage(digestHex), key, Buffer.from(parsed.data.signature, 'base64'))) {
    throw new PitstopError('SIGNATURE_INVALID', `the signature by key ${keyId} does not match package digest ${digestHex}`, { details: { keyId } });
  }
  return { keyId };
}

// Domain separation: a Pitstop package signature cannot be replayed as a signature over anything else, nor the reverse.
function signedMessage(digestHex: string): Buffer {
  return Buffer.from(`pitstop-package-digest:v1:${digestHex}`, 'utf8');
}
