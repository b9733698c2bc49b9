// The optional `lookups` section: absent, a manifest parses (and digests) as it always did; present, it must refer
// to declared features, each filled once, with keys that come from the request.
import { describe, expect, it } from 'vitest';
import { buildRegressorPackage, regressorSpecInput } from '../../test/fixtures/packages.js';
import { readPackage } from '../package/index.js';
import { manifestDigest, parseManifest, parseManifestSpec } from './index.js';

const lookup = { table: 'houses', key: 'house_id', features: ['x2', 'x3'] };

describe('manifest lookups', () => {
  it('leave a manifest without them exactly as it was: no key, no default, the same digest', async () => {
    const built = await buildRegressorPackage();
    expect(built.manifest).not.toHaveProperty('lookups');
    const reparsed = parseManifest(JSON.parse(JSON.stringify(built.manifest)));
    expect(reparsed).not.toHaveProperty('lookups');
    expect(manifestDigest(reparsed)).toBe(built.digest);
  });

  it('default to required and survive a build and a read of the package', async () => {
    const spec = parseManifestSpec({ ...regressorSpecInput(), lookups: [lookup] });
    expect(spec.lookups).toEqual([{ ...lookup, required: true }]);
    const built = await buildRegressorPackage({ spec });
    const read = await readPackage(built.bytes);
    expect(read.manifest.lookups).toEqual([{ ...lookup, required: true }]);
    expect(read.digest).toBe(built.digest);
  });

  it.each([
    ['a feature that is not declared', [{ ...lookup, features: ['x2', 'x9'] }], 'lookups[0].features[1]', '"x9" is not a declared feature'],
    ['a feature filled twice', [lookup, { table: 'other', key: 'other_id', features: ['x3'] }], 'lookups[1].features[0]', 'already looked up by lookups[0]'],
    ['a key that is itself looked up', [lookup, { table: 'other', key: 'x2', features: ['x1'] }], 'lookups[1].key', 'a key must come from the request'],
    ['an empty list', [], 'lookups', 'expected array to have >=1 items'],
    ['a bad table name', [{ ...lookup, table: 'no spaces' }], 'lookups[0].table', 'feature table name'],
    ['an unknown member', [{ ...lookup, override: true }], 'lookups[0].override', 'unrecognized key'],
  ])('refuse %s, naming the field', (_, lookups, field, message) => {
    const parse = () => parseManifestSpec({ ...regressorSpecInput(), lookups });
    expect(parse).toThrow(expect.objectContaining({ code: 'MANIFEST_INVALID', field, message: expect.stringContaining(message) }));
  });

  it('are checked in a complete manifest too, not only in a spec', async () => {
    const built = await buildRegressorPackage({ spec: parseManifestSpec({ ...regressorSpecInput(), lookups: [lookup] }) });
    const edited = { ...built.manifest, lookups: [{ ...lookup, features: ['nope'] }] };
    expect(() => parseManifest(edited)).toThrow(expect.objectContaining({ field: 'lookups[0].features[0]' }));
  });
});
