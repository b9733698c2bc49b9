// Reads a .pitstop archive (a gzipped tar) into memory, refusing anything but a bounded set of regular files with safe names.
import { Readable, Transform, type TransformCallback } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { createGunzip } from 'node:zlib';
import tar from 'tar-stream';
import { PitstopError } from '../../errors/index.js';
import { archiveReadError } from './archive-read-error.js';
import { assertPackagePath, findPathConflict } from './package-path.js';

export interface PackageArchiveLimits {
  /** Most entries (files and folders) the archive may hold; default 1000. */
  readonly maxEntries?: number;
  /** Most bytes all files together may hold once unpacked; default 4 GiB. */
  readonly maxTotalBytes?: number;
  /** Most bytes one file may hold; default maxTotalBytes. */
  readonly maxEntryBytes?: number;
  /**
   * Called with each file's name, its size from the tar header, and the files read so far, before any of its bytes
   * are inflated; throwing refuses the archive there (the package reader checks sizes against the manifest).
   */
  readonly admit?: (name: string, size: number, filesSoFar: ReadonlyMap<string, Buffer>) => void;
}

const DEFAULT_MAX_ENTRIES = 1000;
const DEFAULT_MAX_TOTAL_BYTES = 4 * 1024 ** 3;
const TAR_BLOCK = 512;
// Room for what a tar holds besides file bytes (headers, long-name records, padding), per entry, when bounding gunzip's output.
const METADATA_BYTES_PER_ENTRY = 8 * 1024;
// A decompression bomb: past this many inflated bytes, more than this ratio of inflated to compressed bytes is refused.
// Model weights compress to at best a few times smaller; 1 GiB of zeros shrinks a thousand times.
const BOMB_CHECK_AFTER_BYTES = 64 * 1024 * 1024;
const BOMB_RATIO = 100;
const FEED_CHUNK_BYTES = 64 * 1024;
const REGULAR_FILE_TYPES = new Set(['file', 'contiguous-file']);
const TYPE_NAMES: Record<string, string> = {
  link: 'a hard link',
  symlink: 'a symlink',
  'character-device': 'a character device',
  'block-device': 'a block device',
  fifo: 'a fifo',
};

/**
 * Unpacks a .pitstop archive into path → bytes. Every failure is a PitstopError: PACKAGE_CORRUPT for bytes that are not
 * a whole gzipped tar, duplicate names or exceeded limits; PACKAGE_UNSAFE_PATH for unsafe names and non-regular files.
 * Folder entries are checked and then ignored.
 */
export async function readPackageArchive(bytes: Uint8Array, limits: PackageArchiveLimits = {}): Promise<Map<string, Buffer>> {
  const maxTotalBytes = limits.maxTotalBytes ?? DEFAULT_MAX_TOTAL_BYTES;
  const limit: ResolvedLimits = {
    maxEntries: limits.maxEntries ?? DEFAULT_MAX_ENTRIES, maxTotalBytes, maxEntryBytes: limits.maxEntryBytes ?? maxTotalBytes,
    admit: limits.admit ?? (() => undefined),
  };
  if (bytes.byteLength < 2 || bytes[0] !== 0x1f || bytes[1] !== 0x8b) {
    throw new PitstopError('PACKAGE_CORRUPT', bytes.byteLength === 0 ? 'not a gzip file: it is empty' : 'not a gzip file');
  }

  // Bounding gunzip's output stops a small archive that expands to endless zeros (which tar reads as padding).
  const gunzip = createGunzip();
  const counter = new ByteCounter(limit.maxTotalBytes + (limit.maxEntries + 2) * METADATA_BYTES_PER_ENTRY, () => gunzip.bytesWritten);
  const extract = tar.extract();
  // Fed in slices, so gunzip's count of compressed bytes read keeps pace with what it inflates (the bomb check).
  const source = Readable.from(slices(bytes, FEED_CHUNK_BYTES));
  // Settles with the pipeline's error instead of rejecting, so no rejection goes unhandled while entries are read.
  const feeding = pipeline(source, gunzip, counter, extract).then(
    () => undefined,
    (error: unknown) => error,
  );

  const files = new Map<string, Buffer>();
  const seen = { entries: 0, fileBytes: 0 };
  let dataEnd = 0;
  try {
    for await (const entry of extract) {
      const file = admitEntry(entry.header, files, seen, limit);
      // `offset` is where this entry's own header starts; its data follows that one block.
      dataEnd = entry.offset + TAR_BLOCK + roundUpToBlock(file?.size ?? 0);
      if (file) files.set(file.name, await readEntry(entry, file.name, file.size));
      else await drain(entry);
    }
  } catch (error) {
    throw archiveReadError(error, await feeding, seen.entries);
  }
  const failure = await feeding;
  if (failure !== undefined) throw archiveReadError(failure, undefined, seen.entries);

  if (counter.bytes === 0) throw new PitstopError('PACKAGE_CORRUPT', 'not a tar archive: the gzip stream is empty');
  // tar-stream accepts a tar cut off between two entries; a whole tar ends with a block of zeros after the last entry.
  if (counter.bytes < dataEnd + TAR_BLOCK) throw new PitstopError('PACKAGE_CORRUPT', 'archive is truncated: the tar has no end-of-archive marker');
  const conflict = findPathConflict(files.keys());
  if (conflict) throw new PitstopError('PACKAGE_CORRUPT', `entry "${conflict.nested}" lies inside file "${conflict.file}"`, { details: { entry: conflict.nested } });
  return files;
}

type ResolvedLimits = Required<PackageArchiveLimits>;

/** Checks one entry's header against the rules and limits; returns the file to read, or undefined for a folder. */
function admitEntry(header: tar.Header, files: ReadonlyMap<string, Buffer>, seen: { entries: number; fileBytes: number }, limit: ResolvedLimits): { name: string; size: number } | undefined {
  seen.entries += 1;
  if (seen.entries > limit.maxEntries) throw new PitstopError('PACKAGE_CORRUPT', `archive has more than ${limit.maxEntries} entries`);
  if (header.type === 'directory') {
    assertPackagePath(header.name.replace(/\/$/, ''));
    return undefined;
  }
  const { name } = header;
  assertPackagePath(name);
  assertRegularFile(name, header.type);
  if (files.has(name)) throw new PitstopError('PACKAGE_CORRUPT', `archive holds entry "${name}" twice`, { details: { entry: name } });
  const size = header.size ?? 0;
  if (size > limit.maxEntryBytes) throw new PitstopError('PACKAGE_CORRUPT', `entry "${name}" holds ${size} bytes, more than the limit of ${limit.maxEntryBytes}`);
  seen.fileBytes += size;
  if (seen.fileBytes > limit.maxTotalBytes) throw new PitstopError('PACKAGE_CORRUPT', `archive holds more than ${limit.maxTotalBytes} bytes of files`);
  limit.admit(name, size, files);
  return { name, size };
}

function assertRegularFile(name: string, type: tar.Header['type'] | null): void {
  if (type && REGULAR_FILE_TYPES.has(type)) return;
  const what = (type && TYPE_NAMES[type]) ?? `of an unsupported type (${type ?? 'unknown'})`;
  throw new PitstopError('PACKAGE_UNSAFE_PATH', `entry "${name}" is ${what}; packages hold regular files only`, { details: { entry: name } });
}

function roundUpToBlock(size: number): number {
  return Math.ceil(size / TAR_BLOCK) * TAR_BLOCK;
}

async function readEntry(entry: AsyncIterable<unknown>, name: string, size: number): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let received = 0;
  for await (const chunk of entry) {
    if (!Buffer.isBuffer(chunk)) throw new PitstopError('INTERNAL', 'tar-stream gave a chunk that is not a Buffer');
    chunks.push(chunk);
    received += chunk.byteLength;
  }
  if (received !== size) throw new PitstopError('PACKAGE_CORRUPT', `archive is truncated: entry "${name}" has ${received} of its ${size} bytes`);
  return Buffer.concat(chunks, size);
}

async function drain(entry: AsyncIterable<unknown>): Promise<void> {
  for await (const _chunk of entry) {
    // Folder entries carry no data; reading to the end lets the extractor move on.
  }
}

function* slices(bytes: Uint8Array, size: number): Generator<Buffer> {
  const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  for (let start = 0; start < buffer.byteLength; start += size) yield buffer.subarray(start, start + size);
}

/**
 * Passes inflated bytes through, counting them; fails once more than `limit` have passed, or once they outgrow the
 * compressed bytes read (`compressedBytes()`) past the bomb ratio.
 */
class ByteCounter extends Transform {
  bytes = 0;

  constructor(
    private readonly limit: number,
    private readonly compressedBytes: () => number,
  ) {
    super();
  }

  override _transform(chunk: Buffer, _encoding: BufferEncoding, callback: TransformCallback): void {
    this.bytes += chunk.byteLength;
    if (this.bytes > this.limit) {
      callback(new PitstopError('PACKAGE_CORRUPT', `archive expands to more than ${this.limit} bytes`));
      return;
    }
    const compressed = Math.max(1, this.compressedBytes());
    if (this.bytes > BOMB_CHECK_AFTER_BYTES && this.bytes / compressed > BOMB_RATIO) {
      const ratio = Math.round(this.bytes / compressed);
      callback(new PitstopError('PACKAGE_CORRUPT', `archive inflates ${ratio} times past its first ${BOMB_CHECK_AFTER_BYTES} bytes (${compressed} compressed bytes gave ${this.bytes}); more than ${BOMB_RATIO} times is refused as a decompression bomb`));
      return;
    }
    callback(null, chunk);
  }
}
