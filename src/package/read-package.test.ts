import { beforeAll, describe, expect, it } from 'vitest';
import { PitstopError } from '../errors/index.js';
import { manifestDigest } from '../manifest/index.js';
import { buildRegressorPackage, manifestJsonOf, regressorReference, repackage, setManifestJson } from '../../test/fixtures/packages.js';
import { generateSigningKeyPair, PACKAGE_LIMITS, readPackage, readPackageArchive, type BuiltPackage, type ReadPackageOptions } from './index.js';
import { signPackageDigest } from './signing/index.js';
import { zeroBombArchive } from '../../test/fixtures/archive-bombs.js';

async function readRefusal(bytes: Uint8Array, options?: ReadPackageOptions): Promise<PitstopError> {
  try {
    await readPackage(bytes, options);
  } catch (error) {
    if (error instanceof PitstopError) return error;
    throw new Error(`expected a PitstopError, got ${String(error)}`, { cause: error });
  }
  throw new Error('expected readPackage to refuse the package');
}

/** The package's manifest.json, edited by `edit` and written back without touching any other file. */
function editManifest(edit: (manifest: Record<string, unknown>) => void) {
  return (files: Map<string, Buffer>): void => {
    const manifest = manifestJsonOf(files);
    edit(manifest);
    setManifestJson(files, manifest);
  };
}

describe('readPackage', () => {
  const keys = generateSigningKeyPair();
  let plain: BuiltPackage;
  let signed: BuiltPackage;
  beforeAll(async () => {
    plain = await buildRegressorPackage({ reference: regressorReference() });
    signed = await buildRegressorPackage({ reference: regressorReference(), signingKeyPem: keys.privateKeyPem });
  });

  describe('reads back what buildPackage wrote', () => {
    it('the same manifest and digest, unsigned', async () => {
      const loaded = await readPackage(plain.bytes);
      expect(loaded.manifest).toEqual(plain.manifest);
      expect(loaded.digest).toBe(plain.digest);
      expect(loaded.digest).toBe(manifestDigest(loaded.manifest));
      expect(loaded).toMatchObject({ signature: null, signatureStatus: 'unsigned', size: plain.bytes.byteLength });
    });

    it('every file, and the model through modelBytes()', async () => {
      const loaded = await readPackage(plain.bytes);
      const archived = await readPackageArchive(plain.bytes);
      expect([...loaded.files.keys()].sort()).toEqual([...archived.keys()].sort());
      expect(loaded.modelBytes().equals(archived.get('model.onnx')!)).toBe(true);
    });

    it('a signature it is not asked to check, as not-checked', async () => {
      const loaded = await readPackage(signed.bytes);
      expect(loaded.signatureStatus).toBe('not-checked');
      expect(loaded.signature).toEqual(signed.signature);
    });

    it('a signature by a trusted key, as verified', async () => {
      const other = generateSigningKeyPair();
      const loaded = await readPackage(signed.bytes, { trustedKeys: [other.publicKeyPem, keys.publicKeyPem], requireSignature: true });
      expect(loaded.signatureStatus).toBe('verified');
    });

    it('a package whose manifest.json was reformatted, since the digest is over the canonical form', async () => {
      const reformatted = await repackage(signed.bytes, (files) => files.set('manifest.json', Buffer.from(JSON.stringify(manifestJsonOf(files)))));
      const loaded = await readPackage(reformatted, { trustedKeys: [keys.publicKeyPem] });
      expect(loaded).toMatchObject({ digest: signed.digest, signatureStatus: 'verified' });
    });
  });

  describe('refuses a package changed after it was built', () => {
    it('refuses a package whose model.onnx was changed after build, naming the file', async () => {
      const tampered = await repackage(plain.bytes, (files) => {
        const model = Buffer.from(files.get('model.onnx')!);
        const last = model.length - 1;
        model.writeUInt8(model.readUInt8(last) ^ 0x01, last);
        files.set('model.onnx', model);
      });
      const error = await readRefusal(tampered);
      expect(error).toMatchObject({ code: 'PACKAGE_DIGEST_MISMATCH', field: 'files.model.onnx' });
      expect(error.message).toMatch(/^model\.onnx does not match its digest/);
    });

    it('refuses a model.onnx that was replaced by one of another size', async () => {
      const tampered = await repackage(plain.bytes, (files) => files.set('model.onnx', Buffer.concat([files.get('model.onnx')!, Buffer.from([0])])));
      expect(await readRefusal(tampered)).toMatchObject({ code: 'PACKAGE_DIGEST_MISMATCH', field: 'files.model.onnx' });
    });

    it('refuses a changed reference-profile.json, naming it', async () => {
      const tampered = await repackage(plain.bytes, (files) => files.set('reference-profile.json', Buffer.from('{}\n')));
      expect(await readRefusal(tampered)).toMatchObject({ code: 'PACKAGE_DIGEST_MISMATCH', field: 'files.reference-profile.json' });
    });

    it('refuses a file the manifest does not list, naming it', async () => {
      const tampered = await repackage(plain.bytes, (files) => files.set('extra/payload.sh', Buffer.from('echo hi\n')));
      const error = await readRefusal(tampered);
      expect(error).toMatchObject({ code: 'PACKAGE_CORRUPT', field: 'extra/payload.sh', message: expect.stringMatching(/contains extra\/payload\.sh, which its manifest does not list/) });
    });

    it.each(['constructor', 'toString', 'hasOwnProperty', '__proto__'])('refuses an unlisted file named %s, however the manifest object is built', async (name) => {
      const tampered = await repackage(plain.bytes, (files) => files.set(name, Buffer.from('x')));
      expect(await readRefusal(tampered)).toMatchObject({ code: 'PACKAGE_CORRUPT', field: name });
    });

    it('refuses a package missing a file its manifest lists, naming it', async () => {
      const tampered = await repackage(plain.bytes, (files) => files.delete('reference-profile.json'));
      const error = await readRefusal(tampered);
      expect(error).toMatchObject({ code: 'PACKAGE_CORRUPT', field: 'files.reference-profile.json', message: expect.stringMatching(/lists reference-profile\.json, which the package does not contain/) });
    });

    it('refuses a package without its model', async () => {
      const tampered = await repackage(plain.bytes, (files) => files.delete('model.onnx'));
      expect(await readRefusal(tampered)).toMatchObject({ code: 'PACKAGE_CORRUPT', field: 'files.model.onnx' });
    });

    it('refuses a package without manifest.json', async () => {
      const tampered = await repackage(plain.bytes, (files) => files.delete('manifest.json'));
      expect(await readRefusal(tampered)).toMatchObject({ code: 'PACKAGE_CORRUPT', message: 'the package has no manifest.json' });
    });

    it('refuses a manifest.json that is not JSON', async () => {
      const tampered = await repackage(plain.bytes, (files) => files.set('manifest.json', Buffer.from('{"name": "house-prices",')));
      expect(await readRefusal(tampered)).toMatchObject({ code: 'PACKAGE_CORRUPT', message: expect.stringMatching(/^manifest\.json is not valid JSON/) });
    });

    it('refuses a manifest missing a field with MANIFEST_INVALID naming it', async () => {
      const tampered = await repackage(plain.bytes, editManifest((m) => delete m.inputs));
      expect(await readRefusal(tampered)).toMatchObject({ code: 'MANIFEST_INVALID', field: 'inputs', message: expect.stringMatching(/^manifest\.json: inputs: /) });
    });

    it('refuses a manifest whose feature has a wrong type, naming features[0].type', async () => {
      const tampered = await repackage(plain.bytes, editManifest((m) => ((m.features as { type: string }[])[0]!.type = 'float')));
      expect(await readRefusal(tampered)).toMatchObject({ code: 'MANIFEST_INVALID', field: 'features[0].type' });
    });

    it('refuses a truncated package as PACKAGE_CORRUPT', async () => {
      const error = await readRefusal(plain.bytes.subarray(0, Math.floor(plain.bytes.length * 0.6)));
      expect(error).toMatchObject({ code: 'PACKAGE_CORRUPT', message: expect.stringMatching(/truncated|corrupt|gzip/) });
    });

    it('refuses bytes that are not a package at all', async () => {
      expect(await readRefusal(Buffer.from('{"name":"house-prices"}'))).toMatchObject({ code: 'PACKAGE_CORRUPT' });
    });
  });

  describe('checks the signature', () => {
    it('refuses a signature made by another key as SIGNATURE_UNTRUSTED', async () => {
      const error = await readRefusal(signed.bytes, { trustedKeys: [generateSigningKeyPair().publicKeyPem] });
      expect(error).toMatchObject({ code: 'SIGNATURE_UNTRUSTED', message: expect.stringContaining(signed.signature!.keyId) });
    });

    it('refuses a signature over another digest (manifest edited after signing, file digests still valid) as SIGNATURE_INVALID', async () => {
      const tampered = await repackage(signed.bytes, editManifest((m) => (m.description = 'now predicts something else')));
      const error = await readRefusal(tampered, { trustedKeys: [keys.publicKeyPem] });
      expect(error).toMatchObject({ code: 'SIGNATURE_INVALID', message: expect.stringContaining(`for package digest ${signed.digest}`) });
    });

    it('refuses a signature whose signedDigest was rewritten to the edited manifest\'s digest', async () => {
      const tampered = await repackage(signed.bytes, (files) => {
        const manifest = manifestJsonOf(files);
        manifest.description = 'now predicts something else';
        setManifestJson(files, manifest);
        const signature = JSON.parse(files.get('signature.json')!.toString()) as Record<string, unknown>;
        files.set('signature.json', Buffer.from(JSON.stringify({ ...signature, signedDigest: manifestDigest(manifest) })));
      });
      const error = await readRefusal(tampered, { trustedKeys: [keys.publicKeyPem] });
      expect(error).toMatchObject({ code: 'SIGNATURE_INVALID', message: expect.stringMatching(/does not match package digest/) });
    });

    it('accepts an edited manifest re-signed by a trusted key: the signer vouches for the new digest', async () => {
      let digest = '';
      const resigned = await repackage(signed.bytes, (files) => {
        const manifest = manifestJsonOf(files);
        manifest.description = 'reviewed and re-signed';
        setManifestJson(files, manifest);
        digest = manifestDigest(manifest);
        files.set('signature.json', Buffer.from(JSON.stringify(signPackageDigest(digest, keys.privateKeyPem))));
      });
      expect(await readPackage(resigned, { trustedKeys: [keys.publicKeyPem] })).toMatchObject({ digest, signatureStatus: 'verified' });
    });

    it('refuses a malformed signature.json as SIGNATURE_INVALID', async () => {
      const tampered = await repackage(signed.bytes, (files) => files.set('signature.json', Buffer.from('{"algorithm":"rsa"}')));
      expect(await readRefusal(tampered)).toMatchObject({ code: 'SIGNATURE_INVALID' });
    });

    it('refuses an unsigned package when a signature is required, as SIGNATURE_UNTRUSTED', async () => {
      const error = await readRefusal(plain.bytes, { trustedKeys: [keys.publicKeyPem], requireSignature: true });
      expect(error).toMatchObject({ code: 'SIGNATURE_UNTRUSTED', message: 'the package is not signed, and a signature is required' });
    });

    it('refuses a signed package whose signature.json was removed, required or not: its manifest names the signer', async () => {
      const stripped = await repackage(signed.bytes, (files) => files.delete('signature.json'));
      const keyId = signed.signature!.keyId;
      expect(signed.manifest.signingKeyId).toBe(keyId);
      for (const options of [{}, { trustedKeys: [keys.publicKeyPem] }, { trustedKeys: [keys.publicKeyPem], requireSignature: true }]) {
        expect(await readRefusal(stripped, options)).toMatchObject({
          code: 'SIGNATURE_INVALID',
          message: `the manifest says the package is signed by key ${keyId}, but it has no signature.json`,
        });
      }
    });

    it('refuses a signature by another key than the one its manifest names', async () => {
      const other = generateSigningKeyPair();
      const swapped = await repackage(signed.bytes, (files) => {
        files.set('signature.json', Buffer.from(JSON.stringify(signPackageDigest(signed.digest, other.privateKeyPem))));
      });
      expect(await readRefusal(swapped, { trustedKeys: [other.publicKeyPem] })).toMatchObject({ code: 'SIGNATURE_INVALID', message: expect.stringMatching(/but signature\.json is by key/) });
    });

    it('refuses to call a signature checked when a signature is required but no key is trusted', async () => {
      expect(await readRefusal(signed.bytes, { requireSignature: true })).toMatchObject({ code: 'SIGNATURE_UNTRUSTED' });
    });
  });

  describe('reads within fixed bounds, refusing before it inflates what it would refuse', () => {
    const GIB = 1024 ** 3;
    /** The regressor package's manifest, with model.onnx listed at `size` bytes. */
    async function manifestListingModelAt(size: number): Promise<Buffer> {
      const files = await readPackageArchive(plain.bytes);
      const manifest = manifestJsonOf(files) as { files: Record<string, { sha256: string; size: number }> };
      manifest.files['model.onnx'] = { sha256: '0'.repeat(64), size };
      return Buffer.from(JSON.stringify(manifest));
    }

    it('refuses a 1 MB package whose model inflates to 1 GiB of zeros as a decompression bomb, after 64 MiB', async () => {
      const bomb = await zeroBombArchive([{ name: 'manifest.json', content: await manifestListingModelAt(GIB) }], 'model.onnx', GIB);
      expect(bomb.byteLength).toBeLessThan(1.5 * 1024 * 1024);
      const error = await readRefusal(bomb);
      expect(error).toMatchObject({ code: 'PACKAGE_CORRUPT', message: expect.stringMatching(/more than 100 times is refused as a decompression bomb/) });
    });

    it('refuses a gibibyte entry the manifest does not list, or lists at another size, from its tar header', async () => {
      const manifest = await manifestListingModelAt(1234);
      const unlisted = await zeroBombArchive([{ name: 'manifest.json', content: manifest }], 'padding.bin', GIB);
      expect(await readRefusal(unlisted)).toMatchObject({ code: 'PACKAGE_CORRUPT', message: 'the package contains padding.bin, which its manifest does not list' });
      const resized = await zeroBombArchive([{ name: 'manifest.json', content: manifest }], 'model.onnx', GIB);
      expect(await readRefusal(resized)).toMatchObject({ code: 'PACKAGE_DIGEST_MISMATCH', message: `model.onnx holds ${GIB} bytes; the manifest says 1234` });
    });

    it('refuses a manifest over 4 MiB, and a file over 64 MiB before the manifest, from their tar headers', async () => {
      const hugeManifest = await zeroBombArchive([], 'manifest.json', 200 * 1024 * 1024);
      expect(await readRefusal(hugeManifest)).toMatchObject({ code: 'PACKAGE_CORRUPT', message: `manifest.json holds ${200 * 1024 * 1024} bytes, more than the limit of ${PACKAGE_LIMITS.manifestBytes}` });
      const early = await zeroBombArchive([], 'README.md', GIB);
      expect(await readRefusal(early)).toMatchObject({ code: 'PACKAGE_CORRUPT', message: expect.stringMatching(/^README\.md \(before manifest\.json\) holds \d+ bytes, more than the limit of 67108864$/) });
    });
  });
});

