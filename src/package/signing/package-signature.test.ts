import { createHash, generateKeyPairSync, sign } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { signPackageDigest, verifyPackageSignature, type PackageSignature } from './package-signature.js';
import { generateSigningKeyPair, keyIdOf } from './signing-keys.js';

const DIGEST = createHash('sha256').update('package one').digest('hex');
const OTHER_DIGEST = createHash('sha256').update('package two').digest('hex');
const alice = generateSigningKeyPair();
const mallory = generateSigningKeyPair();

function rsaPair() {
  return generateKeyPairSync('rsa', { modulusLength: 2048, publicKeyEncoding: { type: 'spki', format: 'pem' }, privateKeyEncoding: { type: 'pkcs8', format: 'pem' } });
}

describe('generateSigningKeyPair and keyIdOf', () => {
  it('makes a PKCS#8 private key and an SPKI public key in PEM', () => {
    expect(alice.privateKeyPem).toMatch(/^-----BEGIN PRIVATE KEY-----\n/);
    expect(alice.publicKeyPem).toMatch(/^-----BEGIN PUBLIC KEY-----\n/);
    expect(alice.publicKeyPem).not.toBe(mallory.publicKeyPem);
  });

  it('names a key by the first 16 hex characters of the SHA-256 of its SPKI DER', () => {
    const der = Buffer.from(alice.publicKeyPem.replace(/-----[A-Z ]+-----|\s/g, ''), 'base64');
    expect(keyIdOf(alice.publicKeyPem)).toBe(createHash('sha256').update(der).digest('hex').slice(0, 16));
    expect(keyIdOf(alice.publicKeyPem)).not.toBe(keyIdOf(mallory.publicKeyPem));
  });

  it('names a private key by its public half', () => {
    const { privateKey, publicKey } = generateKeyPairSync('ed25519');
    expect(keyIdOf(privateKey)).toBe(keyIdOf(publicKey));
  });

  it('refuses keys that are not Ed25519', () => {
    expect(() => keyIdOf(rsaPair().publicKey)).toThrow(expect.objectContaining({ code: 'SIGNING_KEY_INVALID', message: expect.stringContaining('its type is rsa') }));
    expect(() => keyIdOf('not a key')).toThrow(expect.objectContaining({ code: 'SIGNING_KEY_INVALID' }));
  });
});

describe('signPackageDigest', () => {
  it('signs the domain-separated digest with the key it names', () => {
    const signature = signPackageDigest(DIGEST, alice.privateKeyPem);
    expect(signature).toMatchObject({ algorithm: 'ed25519', keyId: keyIdOf(alice.publicKeyPem), signedDigest: DIGEST });
    expect(Buffer.from(signature.signature, 'base64')).toHaveLength(64);
    // Ed25519 is deterministic: the same key and digest always give the same signature.
    expect(signPackageDigest(DIGEST, alice.privateKeyPem)).toEqual(signature);
  });

  it('refuses a private key that is not Ed25519, or a public key', () => {
    expect(() => signPackageDigest(DIGEST, rsaPair().privateKey)).toThrow(expect.objectContaining({ code: 'SIGNING_KEY_INVALID' }));
    expect(() => signPackageDigest(DIGEST, alice.publicKeyPem)).toThrow(expect.objectContaining({ code: 'SIGNING_KEY_INVALID' }));
  });

  it('refuses something that is not a SHA-256 hex digest', () => {
    expect(() => signPackageDigest(DIGEST.toUpperCase(), alice.privateKeyPem)).toThrow(expect.objectContaining({ code: 'VALIDATION_FAILED' }));
    expect(() => signPackageDigest('abc', alice.privateKeyPem)).toThrow(expect.objectContaining({ code: 'VALIDATION_FAILED' }));
  });
});

describe('verifyPackageSignature', () => {
  const signature = signPackageDigest(DIGEST, alice.privateKeyPem);
  const invalid = (digest: string, sig: unknown, trusted = [alice.publicKeyPem]) => () => verifyPackageSignature(digest, sig as PackageSignature, trusted);

  it('accepts a signature by a trusted key and says which key', () => {
    expect(verifyPackageSignature(DIGEST, signature, [mallory.publicKeyPem, alice.publicKeyPem])).toEqual({ keyId: keyIdOf(alice.publicKeyPem) });
  });

  it('refuses a signature made for another digest', () => {
    expect(invalid(OTHER_DIGEST, signature)).toThrow(expect.objectContaining({ code: 'SIGNATURE_INVALID', message: expect.stringContaining(`is for package digest ${DIGEST}`) }));
  });

  it('refuses a signature whose signedDigest was rewritten to match another package', () => {
    expect(invalid(OTHER_DIGEST, { ...signature, signedDigest: OTHER_DIGEST })).toThrow(expect.objectContaining({ code: 'SIGNATURE_INVALID', message: expect.stringContaining('does not match') }));
  });

  it('refuses a signature with one bit flipped', () => {
    const bytes = Buffer.from(signature.signature, 'base64');
    bytes[10] = bytes[10]! ^ 1;
    expect(invalid(DIGEST, { ...signature, signature: bytes.toString('base64') })).toThrow(expect.objectContaining({ code: 'SIGNATURE_INVALID' }));
  });

  it('refuses a signature that claims a trusted key id but was made by another key', () => {
    const forged = { ...signPackageDigest(DIGEST, mallory.privateKeyPem), keyId: signature.keyId };
    expect(invalid(DIGEST, forged)).toThrow(expect.objectContaining({ code: 'SIGNATURE_INVALID' }));
  });

  it('refuses a raw signature over the digest without the Pitstop domain prefix', () => {
    const raw = sign(null, Buffer.from(DIGEST, 'utf8'), alice.privateKeyPem).toString('base64');
    expect(invalid(DIGEST, { ...signature, signature: raw })).toThrow(expect.objectContaining({ code: 'SIGNATURE_INVALID' }));
  });

  it('names the signing key when it is not trusted', () => {
    expect(invalid(DIGEST, signature, [mallory.publicKeyPem])).toThrow(
      expect.objectContaining({ code: 'SIGNATURE_UNTRUSTED', message: expect.stringContaining(`signed by key ${signature.keyId}, which is not trusted`) }),
    );
    expect(invalid(DIGEST, signature, [])).toThrow(expect.objectContaining({ code: 'SIGNATURE_UNTRUSTED', message: expect.stringContaining('no keys are trusted') }));
  });

  it.each([
    ['null', null],
    ['an empty object', {}],
    ['another algorithm', { ...signature, algorithm: 'rsa' }],
    ['an upper-case key id', { ...signature, keyId: signature.keyId.toUpperCase() }],
    ['a signature that is not base64', { ...signature, signature: '!'.repeat(88) }],
    ['a signature of the wrong length', { ...signature, signature: Buffer.alloc(32).toString('base64') }],
    ['a missing signedDigest', { ...signature, signedDigest: undefined }],
  ])('refuses a malformed signature object: %s', (_, malformed) => {
    expect(invalid(DIGEST, malformed)).toThrow(expect.objectContaining({ code: 'SIGNATURE_INVALID', message: expect.stringMatching(/malformed/) }));
  });

  it('refuses a trusted key that is not an Ed25519 public key', () => {
    expect(invalid(DIGEST, signature, [rsaPair().publicKey])).toThrow(expect.objectContaining({ code: 'SIGNING_KEY_INVALID' }));
    expect(invalid(DIGEST, signature, [alice.privateKeyPem])).toThrow(expect.objectContaining({ code: 'SIGNING_KEY_INVALID', message: expect.stringContaining('is a private key') }));
  });
});
