// Writes a .pitstop archive (a gzipped tar) so that the same files always give the same bytes.
import { pipeline } from 'node:stream/promises';
import { createGzip } from 'node:zlib';
import tar from 'tar-stream';
import { PitstopError } from '../../errors/index.js';
import { assertPackagePath, compareUtf8, findPathConflict } from './package-path.js';

const EPOCH = new Date(0);
// Byte 9 of a gzip header names the OS that wrote it; zlib fills in the build's own, so pin it to 255 ("unknown").
const GZIP_OS_BYTE = 9;
const GZIP_OS_UNKNOWN = 255;

/**
 * Packs `files` (relative POSIX path → bytes) into a gzipped tar: entries sorted by the UTF-8 bytes of their names,
 * regular files with mode 0644, owner 0:0 without names, mtime 0, and a gzip header without name or time.
 */
export async function writePackageArchive(files: ReadonlyMap<string, Uint8Array>): Promise<Buffer> {
  const names = [...files.keys()].sort(compareUtf8);
  for (const name of names) assertPackagePath(name);
  const conflict = findPathConflict(names);
  if (conflict) {
    throw new PitstopError('PACKAGE_UNSAFE_PATH', `entry "${conflict.nested}" lies inside file "${conflict.file}"; a name cannot be both a file and a folder`, {
      details: { entry: conflict.nested },
    });
  }

  const pack = tar.pack();
  for (const name of names) {
    const bytes = files.get(name) as Uint8Array;
    const body = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    pack.entry({ name, type: 'file', mode: 0o644, uid: 0, gid: 0, uname: '', gname: '', mtime: EPOCH, size: body.byteLength }, body);
  }
  pack.finalize();

  const chunks: Buffer[] = [];
  await pipeline(pack, createGzip({ level: 9 }), async (gzipped: AsyncIterable<Buffer>) => {
    for await (const chunk of gzipped) chunks.push(chunk);
  });
  const archive = Buffer.concat(chunks);
  archive[GZIP_OS_BYTE] = GZIP_OS_UNKNOWN;
  return archive;
}
