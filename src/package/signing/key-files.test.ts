import { generateKeyPairSync } from 'node:crypto';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { readPrivateKeyFile, readPublicKeyFiles } from './key-files.js';
import { generateSigningKeyPair, keyIdOf } from './signing-keys.js';

let dir: string;
beforeEach(async () => {
  dir = await fs.mkdtemp(path.join(os.tmpdir(), 'pitstop-keys-'));
});
afterEach(async () => {
  await fs.rm(dir, { recursive: true, force: true });
});

async function write(name: string, text: string): Promise<string> {
  const file = path.join(dir, name);
  await fs.mkdir(path.dirname(file), { recursive: true });
  await fs.writeFile(file, text);
  return file;
}

const rsa = () => generateKeyPairSync('rsa', { modulusLength: 2048, publicKeyEncoding: { type: 'spki', format: 'pem' }, privateKeyEncoding: { type: 'pkcs8', format: 'pem' } });

describe('readPrivateKeyFile', () => {
  it('returns the PEM of an Ed25519 private key', async () => {
    const pair = generateSigningKeyPair();
    expect(await readPrivateKeyFile(await write('signing.pem', pair.privateKeyPem))).toBe(pair.privateKeyPem);
  });

  it('names the file when it is missing', async () => {
    const missing = path.join(dir, 'nope.pem');
    await expect(readPrivateKeyFile(missing)).rejects.toMatchObject({ code: 'FILE_NOT_FOUND', message: expect.stringContaining(missing) });
  });

  it.each([
    ['a public key', () => generateSigningKeyPair().publicKeyPem],
    ['an RSA private key', () => rsa().privateKey],
    ['an encrypted Ed25519 key', () => generateKeyPairSync('ed25519', { privateKeyEncoding: { type: 'pkcs8', format: 'pem', cipher: 'aes-256-cbc', passphrase: 'secret' }, publicKeyEncoding: { type: 'spki', format: 'pem' } }).privateKey],
    ['text that is not a key', () => 'hello'],
  ])('names the file when it holds %s', async (_, text) => {
    const file = await write('signing.pem', text());
    await expect(readPrivateKeyFile(file)).rejects.toMatchObject({ code: 'SIGNING_KEY_INVALID', message: expect.stringContaining(file) });
  });
});

describe('readPublicKeyFiles', () => {
  it('reads key files and every *.pem and *.pub file of a folder, in name order', async () => {
    const [a, b, c] = [generateSigningKeyPair(), generateSigningKeyPair(), generateSigningKeyPair()];
    await write('trusted/b.pub', b.publicKeyPem);
    await write('trusted/a.pem', a.publicKeyPem);
    await write('trusted/README.txt', 'not a key, and not read');
    const single = await write('c.pem', c.publicKeyPem);
    const pems = await readPublicKeyFiles([path.join(dir, 'trusted'), single]);
    expect(pems.map((pem) => keyIdOf(pem))).toEqual([a, b, c].map((pair) => keyIdOf(pair.publicKeyPem)));
  });

  it('names the file in a folder that holds a private key or an RSA key', async () => {
    await write('trusted/a.pem', generateSigningKeyPair().publicKeyPem);
    const secret = await write('trusted/oops.pem', generateSigningKeyPair().privateKeyPem);
    await expect(readPublicKeyFiles([path.join(dir, 'trusted')])).rejects.toMatchObject({ code: 'SIGNING_KEY_INVALID', message: expect.stringContaining(`${secret} is a private key`) });
    const rsaFile = await write('rsa.pub', rsa().publicKey);
    await expect(readPublicKeyFiles([rsaFile])).rejects.toMatchObject({ code: 'SIGNING_KEY_INVALID', message: expect.stringContaining(`${rsaFile} is not an Ed25519 key (its type is rsa)`) });
  });

  it('says FILE_NOT_FOUND for a missing path or a folder without key files', async () => {
    await expect(readPublicKeyFiles([path.join(dir, 'missing.pem')])).rejects.toMatchObject({ code: 'FILE_NOT_FOUND' });
    await write('empty/notes.txt', 'x');
    await expect(readPublicKeyFiles([path.join(dir, 'empty')])).rejects.toMatchObject({ code: 'FILE_NOT_FOUND', message: expect.stringContaining('holds no *.pem or *.pub') });
  });
});
