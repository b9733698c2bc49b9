// Ed25519 signing keys: make a pair, name a key by its id, and parse PEM text into keys with errors that say what is wrong.
import { createHash, createPrivateKey, createPublicKey, generateKeyPairSync, type KeyObject } from 'node:crypto';
import { PitstopError } from '../../errors/index.js';

export interface SigningKeyPair {
  /** PKCS#8 PEM: keep it secret. */
  readonly privateKeyPem: string;
  /** SPKI PEM: give it to whoever verifies packages. */
  readonly publicKeyPem: string;
}

export function generateSigningKeyPair(): SigningKeyPair {
  const { privateKey, publicKey } = generateKeyPairSync('ed25519', {
    privateKeyEncoding: { type: 'pkcs8', format: 'pem' },
    publicKeyEncoding: { type: 'spki', format: 'pem' },
  });
  return { privateKeyPem: privateKey, publicKeyPem: publicKey };
}

/** The first 16 hex characters of the SHA-256 of the key's SPKI DER. A private key is named by its public half. */
export function keyIdOf(publicKey: KeyObject | string): string {
  const key = typeof publicKey === 'string' ? parsePublicKey(publicKey, 'public key') : publicKey.type === 'private' ? createPublicKey(publicKey) : publicKey;
  assertEd25519(key, 'public key');
  const der = key.export({ type: 'spki', format: 'der' });
  return createHash('sha256').update(der).digest('hex').slice(0, 16);
}

/** Parses an SPKI PEM holding an Ed25519 public key; `what` names it in the error. */
export function parsePublicKey(pem: string, what: string): KeyObject {
  if (/-----BEGIN [A-Z ]*PRIVATE KEY-----/.test(pem)) {
    throw new PitstopError('SIGNING_KEY_INVALID', `${what} is a private key; expected an Ed25519 public key (SPKI PEM)`);
  }
  let key: KeyObject;
  try {
    key = createPublicKey({ key: pem, format: 'pem' });
  } catch (error) {
    throw new PitstopError('SIGNING_KEY_INVALID', `${what} is not a PEM public key; expected an Ed25519 public key (SPKI PEM)`, { cause: error });
  }
  assertEd25519(key, what);
  return key;
}

/** Parses a PKCS#8 PEM holding an Ed25519 private key; `what` names it in the error. */
/** The key id of the public half of an Ed25519 private key in PKCS#8 PEM. */
export function privateKeyIdOf(privateKeyPem: string): string {
  return keyIdOf(parsePrivateKey(privateKeyPem, 'private key'));
}

export function parsePrivateKey(pem: string, what: string): KeyObject {
  let key: KeyObject;
  try {
    key = createPrivateKey({ key: pem, format: 'pem' });
  } catch (error) {
    throw new PitstopError('SIGNING_KEY_INVALID', `${what} is not an unencrypted PEM private key; expected an Ed25519 private key (PKCS#8 PEM)`, { cause: error });
  }
  assertEd25519(key, what);
  return key;
}

function assertEd25519(key: KeyObject, what: string): void {
  if (key.asymmetricKeyType !== 'ed25519') {
    throw new PitstopError('SIGNING_KEY_INVALID', `${what} is not an Ed25519 key (its type is ${key.asymmetricKeyType ?? key.type}); Pitstop signs packages with Ed25519 keys only`);
  }
}
