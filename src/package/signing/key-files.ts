// Reads signing keys from disk: one private key file for signing, public key files and folders of them for verifying.
import fs from 'node:fs/promises';
import path from 'node:path';
import { PitstopError } from '../../errors/index.js';
import { parsePrivateKey, parsePublicKey } from './signing-keys.js';

const PUBLIC_KEY_FILE = /\.(pem|pub)$/;
// A PEM key is a few hundred bytes; anything much larger is not a key, and need not be read whole.
const MAX_KEY_FILE_BYTES = 64 * 1024;

/** Reads a PKCS#8 PEM Ed25519 private key and returns its text. */
export async function readPrivateKeyFile(file: string): Promise<string> {
  const pem = await readKeyText(file);
  parsePrivateKey(pem, `key file ${file}`);
  return pem;
}

/**
 * Reads SPKI PEM Ed25519 public keys and returns their texts. Each path is a key file, or a folder whose every
 * `*.pem` and `*.pub` file (not recursively, in name order) is a key.
 */
export async function readPublicKeyFiles(paths: readonly string[]): Promise<string[]> {
  const pems: string[] = [];
  for (const location of paths) {
    for (const file of await keyFilesAt(location)) {
      const pem = await readKeyText(file);
      parsePublicKey(pem, `key file ${file}`);
      pems.push(pem);
    }
  }
  return pems;
}

async function keyFilesAt(location: string): Promise<string[]> {
  const stats = await fs.stat(location).catch((error: unknown) => {
    throw notFoundOr(error, location);
  });
  if (!stats.isDirectory()) return [location];
  const names = (await fs.readdir(location)).filter((name) => PUBLIC_KEY_FILE.test(name)).sort();
  const files: string[] = [];
  for (const name of names) {
    const file = path.join(location, name);
    if ((await fs.stat(file)).isFile()) files.push(file);
  }
  if (files.length === 0) {
    throw new PitstopError('FILE_NOT_FOUND', `folder ${location} holds no *.pem or *.pub key files`, { details: { file: location } });
  }
  return files;
}

async function readKeyText(file: string): Promise<string> {
  let handle: fs.FileHandle;
  try {
    handle = await fs.open(file, 'r');
  } catch (error) {
    throw notFoundOr(error, file);
  }
  try {
    const stats = await handle.stat();
    if (!stats.isFile()) throw new PitstopError('SIGNING_KEY_INVALID', `key file ${file} is not a regular file`, { details: { file } });
    if (stats.size > MAX_KEY_FILE_BYTES) {
      throw new PitstopError('SIGNING_KEY_INVALID', `key file ${file} holds ${stats.size} bytes, too many for a PEM key`, { details: { file } });
    }
    return await handle.readFile('utf8');
  } finally {
    await handle.close();
  }
}

function notFoundOr(error: unknown, file: string): unknown {
  if ((error as NodeJS.ErrnoException).code === 'ENOENT') {
    return new PitstopError('FILE_NOT_FOUND', `key file ${file} does not exist`, { details: { file }, cause: error });
  }
  return error;
}
