// The rule for entry names inside a .pitstop archive: relative POSIX paths that cannot leave the folder they are unpacked into.
import { PitstopError } from '../../errors/index.js';

// Any control character, NUL included: names are shown to people and written to disks.
const CONTROL_CHARACTER = /[\u0000-\u001f\u007f]/;
const DRIVE_LETTER = /^[A-Za-z]:/;

/** Why `name` is not a safe package path, or undefined when it is one. */
export function unsafePackagePathReason(name: string): string | undefined {
  if (name.length === 0) return 'has an empty name';
  if (CONTROL_CHARACTER.test(name)) return 'contains a control character';
  if (name.includes('\\')) return 'contains a backslash';
  if (name.startsWith('/')) return 'is an absolute path';
  if (DRIVE_LETTER.test(name)) return 'starts with a drive letter';
  for (const segment of name.split('/')) {
    if (segment === '..') return 'has a ".." segment';
    // "." and empty segments would let two spellings name one file ("a/./b", "a//b", "a/b").
    if (segment === '.') return 'has a "." segment';
    if (segment === '') return 'has an empty path segment';
  }
  return undefined;
}

/** Throws PACKAGE_UNSAFE_PATH naming the entry when `name` is not a safe package path. */
export function assertPackagePath(name: string): void {
  const reason = unsafePackagePathReason(name);
  if (reason !== undefined) {
    throw new PitstopError('PACKAGE_UNSAFE_PATH', `entry ${JSON.stringify(name)} ${reason}; package paths are relative POSIX paths`, {
      details: { entry: name },
    });
  }
}

/** A file name that is also used as a folder by another name ("model" and "model/x.onnx"), or undefined. */
export function findPathConflict(names: Iterable<string>): { file: string; nested: string } | undefined {
  const all = new Set(names);
  for (const name of all) {
    for (let slash = name.indexOf('/'); slash !== -1; slash = name.indexOf('/', slash + 1)) {
      const folder = name.slice(0, slash);
      if (all.has(folder)) return { file: folder, nested: name };
    }
  }
  return undefined;
}

/** Orders names by their UTF-8 bytes, so the order does not depend on locale or UTF-16 quirks. */
export function compareUtf8(a: string, b: string): number {
  return Buffer.compare(Buffer.from(a, 'utf8'), Buffer.from(b, 'utf8'));
}
