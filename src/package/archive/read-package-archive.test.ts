import { randomBytes } from 'node:crypto';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { PitstopError } from '../../errors/index.js';
import { readPackageArchive } from './read-package-archive.js';
import { writePackageArchive } from './write-package-archive.js';

interface HandEntry {
  name: string;
  /** A tar typeflag: '0' file, '1' hard link, '2' symlink, '3'/'4' devices, '5' folder, '6' fifo, 'x' pax header. */
  type?: string;
  body?: Buffer;
  linkname?: string;
}

/** One ustar header block, written field by field, so tests can say things our writer never would. */
function ustarHeader(entry: HandEntry, size: number): Buffer {
  const block = Buffer.alloc(512);
  block.write(entry.name, 0, 100, 'utf8');
  block.write('0000644\0', 100);
  block.write('0000000\0', 108);
  block.write('0000000\0', 116);
  block.write(`${size.toString(8).padStart(11, '0')}\0`, 124);
  block.write('00000000000\0', 136);
  block.write(entry.type ?? '0', 156);
  block.write(entry.linkname ?? '', 157, 100, 'utf8');
  block.write('ustar\0', 257);
  block.write('00', 263);
  block.fill(' ', 148, 156);
  const sum = block.reduce((total, byte) => total + byte, 0);
  block.write(`${sum.toString(8).padStart(6, '0')}\0 `, 148);
  return block;
}

/** A whole tar built by hand: each entry's header, its body padded to 512 bytes, then the two-block end marker. */
function handTar(entries: HandEntry[]): Buffer {
  const parts: Buffer[] = [];
  for (const entry of entries) {
    const body = entry.body ?? Buffer.alloc(0);
    parts.push(ustarHeader(entry, body.byteLength), body, Buffer.alloc((512 - (body.byteLength % 512)) % 512));
  }
  parts.push(Buffer.alloc(1024));
  return Buffer.concat(parts);
}

/** A pax extended header whose `path` record overrides the name of the entry after it (it may hold any byte). */
function paxPath(path: string): HandEntry {
  const record = (length: number) => `${length} path=${path}\n`;
  let length = Buffer.byteLength(record(0));
  while (Buffer.byteLength(record(length)) !== length) length = Buffer.byteLength(record(length));
  return { name: 'PaxHeader', type: 'x', body: Buffer.from(record(length)) };
}

const file = (name: string, text = 'x'): HandEntry => ({ name, body: Buffer.from(text) });

async function failureOf(bytes: Uint8Array, limits?: Parameters<typeof readPackageArchive>[1]): Promise<PitstopError> {
  try {
    await readPackageArchive(bytes, limits);
  } catch (error) {
    if (error instanceof PitstopError) return error;
    throw new Error(`expected a PitstopError, got ${String(error)}`, { cause: error });
  }
  throw new Error('expected readPackageArchive to fail');
}

describe('readPackageArchive', () => {
  it('reads a hand-built gzipped tar and ignores its folder entries', async () => {
    const files = await readPackageArchive(gzipSync(handTar([{ name: 'model/', type: '5' }, file('model/a.onnx', 'onnx'), file('manifest.json', '{}')])));
    expect(Object.fromEntries([...files].map(([name, bytes]) => [name, bytes.toString()]))).toEqual({ 'model/a.onnx': 'onnx', 'manifest.json': '{}' });
  });

  describe('says which way the bytes are not a package', () => {
    it.each([
      ['an empty buffer', () => Buffer.alloc(0), /not a gzip file/],
      ['random bytes', () => Buffer.concat([Buffer.from([0x50, 0x4b]), randomBytes(2000)]), /not a gzip file/],
      ['a tar that is not gzipped', () => handTar([file('a')]), /not a gzip file/],
      ['a gzip of random bytes', () => gzipSync(randomBytes(4096)), /not a tar archive/],
      ['a gzip of a few random bytes', () => gzipSync(randomBytes(100)), /not a tar archive/],
      ['a gzip of nothing', () => gzipSync(Buffer.alloc(0)), /not a tar archive/],
      ['gzip magic followed by garbage', () => Buffer.concat([Buffer.from([0x1f, 0x8b, 8, 0]), randomBytes(500)]), /gzip/],
      ['a tar cut inside an entry', () => gzipSync(handTar([file('a', 'y'.repeat(2000))]).subarray(0, 1200)), /archive is truncated/],
      ['a tar cut between two entries', () => gzipSync(handTar([file('a'), file('b')]).subarray(0, 1024)), /archive is truncated: the tar has no end-of-archive marker/],
      ['a tar whose second header is garbage', () => gzipSync(Buffer.concat([handTar([file('a')]).subarray(0, 1024), randomBytes(512), Buffer.alloc(1024)])), /tar header after entry 1 is invalid/],
    ])('%s → PACKAGE_CORRUPT', async (_, make, message) => {
      const error = await failureOf(make());
      expect(error.code).toBe('PACKAGE_CORRUPT');
      expect(error.message).toMatch(message);
    });

    it('reports a valid archive cut in half as truncated', async () => {
      const archive = await writePackageArchive(new Map([['model.onnx', randomBytes(20_000)]]));
      const error = await failureOf(archive.subarray(0, archive.length >> 1));
      expect(error).toMatchObject({ code: 'PACKAGE_CORRUPT', message: expect.stringMatching(/archive is truncated/) });
    });
  });

  describe('refuses entries that could escape or are not regular files', () => {
    it.each([
      ['../evil', /"\.\.\/evil" has a "\.\." segment/],
      ['a/../../evil', /has a "\.\." segment/],
      ['/etc/passwd', /"\/etc\/passwd" is an absolute path/],
      ['a\\..\\evil', /contains a backslash/],
      ['C:/Windows/evil', /starts with a drive letter/],
      ['./manifest.json', /has a "\." segment/],
    ])('a file named %j', async (name, message) => {
      const error = await failureOf(gzipSync(handTar([file('ok.txt'), file(name)])));
      expect(error.code).toBe('PACKAGE_UNSAFE_PATH');
      expect(error.message).toMatch(message);
    });

    it('a folder named ../evil/ even though folders are otherwise ignored', async () => {
      expect(await failureOf(gzipSync(handTar([{ name: '../evil/', type: '5' }])))).toMatchObject({ code: 'PACKAGE_UNSAFE_PATH' });
    });

    it('an entry with an empty name', async () => {
      const error = await failureOf(gzipSync(handTar([file('')])));
      expect(error).toMatchObject({ code: 'PACKAGE_UNSAFE_PATH', message: expect.stringMatching(/^entry "" has an empty name/) });
    });

    it('a name with a NUL byte, smuggled in through a pax header', async () => {
      const error = await failureOf(gzipSync(handTar([paxPath('model.onnx\u0000.txt'), file('placeholder')])));
      expect(error).toMatchObject({ code: 'PACKAGE_UNSAFE_PATH', message: expect.stringContaining('"model.onnx\\u0000.txt" contains a control character') });
    });

    it('an unsafe pax name even when the ustar name is harmless', async () => {
      const error = await failureOf(gzipSync(handTar([paxPath('../../etc/cron.d/evil'), file('harmless.txt')])));
      expect(error).toMatchObject({ code: 'PACKAGE_UNSAFE_PATH', message: expect.stringContaining('../../etc/cron.d/evil') });
    });

    it.each([
      ['2', 'a symlink'],
      ['1', 'a hard link'],
      ['3', 'a character device'],
      ['4', 'a block device'],
      ['6', 'a fifo'],
    ])('an entry of type %s (%s)', async (type, what) => {
      const error = await failureOf(gzipSync(handTar([{ name: 'model.onnx', type, linkname: '/etc/passwd' }])));
      expect(error.code).toBe('PACKAGE_UNSAFE_PATH');
      expect(error.message).toBe(`entry "model.onnx" is ${what}; packages hold regular files only`);
    });
  });

  it('refuses an archive that holds the same name twice', async () => {
    const error = await failureOf(gzipSync(handTar([file('manifest.json', '{"a":1}'), file('manifest.json', '{"a":2}')])));
    expect(error).toMatchObject({ code: 'PACKAGE_CORRUPT', message: 'archive holds entry "manifest.json" twice' });
  });

  it('refuses an archive where a file is also used as a folder', async () => {
    const error = await failureOf(gzipSync(handTar([file('model'), file('model/a.onnx')])));
    expect(error).toMatchObject({ code: 'PACKAGE_CORRUPT', message: 'entry "model/a.onnx" lies inside file "model"' });
  });

  describe('limits', () => {
    it('refuses more entries than maxEntries, counting folders', async () => {
      const archive = gzipSync(handTar([{ name: 'd/', type: '5' }, file('d/a'), file('d/b')]));
      expect(await readPackageArchive(archive, { maxEntries: 3 })).toHaveProperty('size', 2);
      expect(await failureOf(archive, { maxEntries: 2 })).toMatchObject({ code: 'PACKAGE_CORRUPT', message: 'archive has more than 2 entries' });
    });

    it('refuses a file larger than maxEntryBytes before reading it', async () => {
      const archive = gzipSync(handTar([file('a', 'x'.repeat(100)), file('b', 'x'.repeat(101))]));
      expect(await failureOf(archive, { maxEntryBytes: 100 })).toMatchObject({ code: 'PACKAGE_CORRUPT', message: 'entry "b" holds 101 bytes, more than the limit of 100' });
    });

    it('refuses files that together exceed maxTotalBytes', async () => {
      const archive = gzipSync(handTar([file('a', 'x'.repeat(60)), file('b', 'x'.repeat(60))]));
      expect(await readPackageArchive(archive, { maxTotalBytes: 120 })).toHaveProperty('size', 2);
      expect(await failureOf(archive, { maxTotalBytes: 119 })).toMatchObject({ code: 'PACKAGE_CORRUPT', message: 'archive holds more than 119 bytes of files' });
    });

    it('stops a small gzip that expands to endless zeros', async () => {
      const bomb = gzipSync(Buffer.alloc(64 * 1024 * 1024));
      const error = await failureOf(bomb, { maxTotalBytes: 1024 * 1024, maxEntries: 10 });
      expect(error).toMatchObject({ code: 'PACKAGE_CORRUPT', message: expect.stringMatching(/archive expands to more than \d+ bytes/) });
    });
  });

  describe('never lets a raw zlib or tar error escape', () => {
    it('on every truncation of a valid tar before its end marker', async () => {
      const tarBytes = handTar([file('manifest.json', '{"name":"x"}'), file('model.onnx', 'm'.repeat(1500))]);
      const markerStart = tarBytes.length - 1024;
      for (let cut = 0; cut <= markerStart; cut += 61) {
        expect((await failureOf(gzipSync(tarBytes.subarray(0, cut)))).code).toBe('PACKAGE_CORRUPT');
      }
      expect((await failureOf(gzipSync(tarBytes.subarray(0, markerStart)))).message).toMatch(/no end-of-archive marker/);
    });

    it('on every truncation of a valid archive', async () => {
      const archive = await writePackageArchive(new Map([['a.bin', randomBytes(3000)], ['b.txt', Buffer.from('hello')]]));
      for (let cut = 0; cut < archive.length; cut += 13) {
        expect((await failureOf(archive.subarray(0, cut))).code).toBe('PACKAGE_CORRUPT');
      }
    });

    it('on a valid archive with one byte flipped anywhere', async () => {
      const archive = await writePackageArchive(new Map([['a.bin', randomBytes(3000)], ['b.txt', Buffer.from('hello')]]));
      for (let at = 0; at < archive.length; at += 7) {
        const damaged = Buffer.from(archive);
        damaged[at] = damaged[at]! ^ 0xff;
        // A flip in the gzip header's flag or OS bytes can still decode; what matters is that nothing but a PitstopError escapes.
        await readPackageArchive(damaged).then(
          () => undefined,
          (error: unknown) => expect(error).toBeInstanceOf(PitstopError),
        );
      }
    });

    it('on many random inputs that start like gzip', async () => {
      for (let i = 0; i < 200; i += 1) {
        const bytes = Buffer.concat([Buffer.from([0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 0, 3]), randomBytes(i * 5)]);
        expect((await failureOf(bytes)).code).toBe('PACKAGE_CORRUPT');
      }
    });
  });
});
