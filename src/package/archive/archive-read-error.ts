// Turns what gunzip and tar-stream throw while reading an archive into a PitstopError that says what is wrong with it.
import { PitstopError } from '../../errors/index.js';

/**
 * The error to report for a failed read. `thrown` is what the entry loop saw, `pipelineError` what the gunzip → tar
 * pipeline failed with; the first PitstopError wins, then gunzip's error (the root cause), then tar-stream's.
 */
export function archiveReadError(thrown: unknown, pipelineError: unknown, entriesRead: number): PitstopError {
  const candidates = [thrown, pipelineError].filter((e) => e !== undefined);
  const own = candidates.find((e): e is PitstopError => e instanceof PitstopError);
  if (own) return own;
  const gzip = candidates.find(isZlibError);
  if (gzip) return gzipError(gzip);
  const tarError = candidates.find((e) => e instanceof Error && !isPrematureClose(e)) ?? candidates[0];
  return tarReadError(tarError, entriesRead);
}

function gzipError(error: NodeJS.ErrnoException): PitstopError {
  if (error.code === 'Z_BUF_ERROR') return new PitstopError('PACKAGE_CORRUPT', 'archive is truncated: the gzip stream ends early', { cause: error });
  if (error.code === 'Z_DATA_ERROR') return new PitstopError('PACKAGE_CORRUPT', `gzip data is corrupt (${error.message})`, { cause: error });
  return new PitstopError('PACKAGE_CORRUPT', `gzip data cannot be read (${error.message})`, { cause: error });
}

function tarReadError(error: unknown, entriesRead: number): PitstopError {
  const message = error instanceof Error ? error.message : String(error);
  const corrupt = (text: string) => new PitstopError('PACKAGE_CORRUPT', text, { cause: error });
  if (message.includes('Unexpected end of data')) {
    return entriesRead === 0
      ? corrupt('not a tar archive: the data ends before the first tar header is complete')
      : corrupt('archive is truncated: the tar ends in the middle of an entry');
  }
  if (message.includes('Invalid tar header')) {
    return entriesRead === 0 ? corrupt('not a tar archive: the first tar header is invalid') : corrupt(`archive is corrupt: the tar header after entry ${entriesRead} is invalid`);
  }
  if (message.includes('Header exceeds max size')) return corrupt('archive is corrupt: a tar long-name header is too large');
  if (message.includes('Invalid header')) return corrupt('archive is corrupt: a tar header has an invalid size');
  return corrupt(`archive cannot be read (${message})`);
}

function isZlibError(error: unknown): error is NodeJS.ErrnoException {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  return typeof code === 'string' && code.startsWith('Z_');
}

function isPrematureClose(error: Error): boolean {
  return (error as NodeJS.ErrnoException).code === 'ERR_STREAM_PREMATURE_CLOSE';
}
