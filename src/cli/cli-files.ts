// Reads files named on the command line, turning "no such file" into a one-line FILE_NOT_FOUND.
import fs from 'node:fs/promises';
import { PitstopError } from '../errors/index.js';
import { readBoundedYaml } from '../yaml-input/index.js';

export async function readInputFile(file: string, flag: string): Promise<Buffer> {
  try {
    return await fs.readFile(file);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') throw new PitstopError('FILE_NOT_FOUND', `${flag}: no such file ${file}`, { field: flag });
    if (code === 'EISDIR') throw new PitstopError('VALIDATION_FAILED', `${flag}: ${file} is a directory, not a file`, { field: flag });
    throw new PitstopError('VALIDATION_FAILED', `${flag}: cannot read ${file}: ${(error as Error).message}`, { field: flag });
  }
}

/** Parses a YAML or JSON document (JSON is YAML, but JSON files get JSON's stricter errors). */
export async function readStructuredFile(file: string, flag: string): Promise<unknown> {
  const text = (await readInputFile(file, flag)).toString('utf8');
  if (!file.endsWith('.json')) return readBoundedYaml(text, { source: file, code: 'MANIFEST_INVALID' });
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new PitstopError('MANIFEST_INVALID', `${file} is not valid JSON: ${(error as Error).message.split('\n')[0]}`, { field: flag });
  }
}

export interface NewFileOptions {
  readonly mode?: number;
  /** Replace an existing file (the user asked, e.g. with --force). */
  readonly replace?: boolean;
  /** What to do about an existing file, in the error: by default "choose another name or delete it". */
  readonly remedy?: string;
}

/** Writes a file that must not exist yet (unless `replace`), so a command never overwrites a user's work unasked. */
export async function writeNewFile(file: string, content: string | Uint8Array, flag: string, options: NewFileOptions = {}): Promise<void> {
  try {
    await fs.writeFile(file, content, { flag: options.replace ? 'w' : 'wx', ...(options.mode ? { mode: options.mode } : {}) });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') throw new PitstopError('VALIDATION_FAILED', `${flag}: ${file} already exists; ${options.remedy ?? 'choose another name or delete it'}`, { field: flag });
    throw new PitstopError('VALIDATION_FAILED', `${flag}: cannot write ${file}: ${(error as Error).message}`, { field: flag });
  }
}
