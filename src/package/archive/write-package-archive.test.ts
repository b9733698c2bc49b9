import { gunzipSync } from 'node:zlib';
import tar from 'tar-stream';
import { describe, expect, it } from 'vitest';
import { readPackageArchive } from './read-package-archive.js';
import { writePackageArchive } from './write-package-archive.js';

const FILES = new Map<string, Uint8Array>([
  ['manifest.json', Buffer.from('{"name":"iris"}')],
  ['model/model.onnx', Uint8Array.from({ length: 5000 }, (_, i) => (i * 31) % 256)],
  ['empty.txt', new Uint8Array(0)],
  [`deep/${'n'.repeat(120)}/file.bin`, Buffer.from('long name')],
  ['données/é.csv', Buffer.from('a,b\n1,2\n')],
]);

async function tarHeadersOf(archive: Buffer): Promise<tar.Header[]> {
  const headers: tar.Header[] = [];
  const extract = tar.extract();
  const done = (async () => {
    for await (const entry of extract) {
      headers.push(entry.header);
      entry.resume();
    }
  })();
  extract.end(gunzipSync(archive));
  await done;
  return headers;
}

describe('writePackageArchive', () => {
  it('round-trips every file, byte for byte, through readPackageArchive', async () => {
    const read = await readPackageArchive(await writePackageArchive(FILES));
    expect([...read.keys()].sort()).toEqual([...FILES.keys()].sort());
    for (const [name, bytes] of FILES) expect(Buffer.from(read.get(name)!).equals(Buffer.from(bytes))).toBe(true);
  });

  it('gives byte-identical archives for the same files, whatever order they were added in', async () => {
    const reversed = new Map([...FILES].reverse());
    const first = await writePackageArchive(FILES);
    expect((await writePackageArchive(reversed)).equals(first)).toBe(true);
    expect((await writePackageArchive(FILES)).equals(first)).toBe(true);
  });

  it('changes when one byte of one file changes', async () => {
    const changed = new Map(FILES).set('manifest.json', Buffer.from('{"name":"iriS"}'));
    expect((await writePackageArchive(changed)).equals(await writePackageArchive(FILES))).toBe(false);
  });

  it('writes a plain gzip header: no file name, no time, OS unknown', async () => {
    const archive = await writePackageArchive(FILES);
    expect([...archive.subarray(0, 3)]).toEqual([0x1f, 0x8b, 8]);
    expect(archive[3]).toBe(0); // FLG: no FNAME, FCOMMENT, FEXTRA
    expect(archive.readUInt32LE(4)).toBe(0); // MTIME
    expect(archive[9]).toBe(255);
  });

  it('sorts entries by name and gives each mtime 0, mode 0644 and owner 0:0 without names', async () => {
    const headers = await tarHeadersOf(await writePackageArchive(FILES));
    const names = headers.map((h) => h.name);
    expect(names).toEqual([`deep/${'n'.repeat(120)}/file.bin`, 'données/é.csv', 'empty.txt', 'manifest.json', 'model/model.onnx']);
    for (const header of headers) {
      expect(header).toMatchObject({ type: 'file', mode: 0o644, uid: 0, gid: 0, uname: '', gname: '' });
      expect(header.mtime?.getTime()).toBe(0);
    }
  });

  it('writes an empty package that reads back empty', async () => {
    expect((await readPackageArchive(await writePackageArchive(new Map()))).size).toBe(0);
  });

  it.each(['../evil', '/etc/passwd', 'a\\b', 'C:/x', '', 'a/./b', 'a//b', 'dir/', 'nul\u0000byte'])('refuses the unsafe name %j', async (name) => {
    await expect(writePackageArchive(new Map([[name, Buffer.from('x')]]))).rejects.toMatchObject({ code: 'PACKAGE_UNSAFE_PATH' });
  });

  it('refuses a name that is both a file and a folder', async () => {
    const files = new Map([['model', Buffer.from('x')], ['model/a.onnx', Buffer.from('y')]]);
    await expect(writePackageArchive(files)).rejects.toMatchObject({ code: 'PACKAGE_UNSAFE_PATH', message: expect.stringContaining('lies inside file "model"') });
  });
});
