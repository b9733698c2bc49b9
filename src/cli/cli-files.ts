// Reads files named on the command line, turning "no such file" into a one-line FILE_NOT_FOUND.
import fs from 'node:fs/promises';
import { PitstopError } from '../errors/index.js';

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
  try {
    if (file.endsWith('.json')) return JSON.parse(text);
    // Imported here: the yaml package is some seventy modules, and most commands read no YAML.
    const { parse } = await import('yaml');
    return parse(text);
  } catch (error) {
    throw new PitstopError('MANIFEST_INVALID', `${file} is not valid ${file.endsWith('.json') ? 'JSON' : 'YAML'}: ${(error as Error).message.split('\n')[0]}`, { field: flag });
  }
}

/** Writes a file that must not exist yet, so a command never overwrites a user's work. */
export async function writeNewFile(file: string, content: string | Uint8Array, flag: string, mode?: number): Promise<void> {
  try {
    await fs.writeFile(file, content, { flag: 'wx', ...(mode ? { mode } : {}) });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') throw new PitstopError('VALIDATION_FAILED', `${flag}: ${file} already exists; choose another name or delete it`, { field: flag });
    throw new PitstopError('VALIDATION_FAILED', `${flag}: cannot write ${file}: ${(error as Error).message}`, { field: flag });
  }
}
