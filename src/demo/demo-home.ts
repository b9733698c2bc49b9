// The demo's own Pitstop home: a fresh directory, marked as the demo's, so that `--fresh` only ever wipes a directory
// the demo made, never one a user pointed at by mistake.
import fs from 'node:fs/promises';
import path from 'node:path';
import { PitstopError } from '../errors/index.js';

export const DEFAULT_DEMO_HOME = 'pitstop-demo';
const MARKER = 'pitstop-demo.json';

/** Creates (or, with `fresh`, empties) the demo home; refuses a non-empty directory otherwise. Returns its absolute path. */
export async function prepareDemoHome(dir: string, options: { fresh: boolean; seed: number; now: Date }): Promise<string> {
  const home = path.resolve(dir);
  const entries: string[] = await fs.readdir(home).catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'ENOENT') return [] as string[];
    throw new PitstopError('VALIDATION_FAILED', `the demo home ${dir}: cannot read it: ${error.message}`, { field: 'home' });
  });
  if (entries.length > 0) {
    if (!entries.includes(MARKER)) {
      throw new PitstopError('VALIDATION_FAILED', `the demo home ${dir} is not empty and was not made by \`pitstop demo\`; choose a new or empty directory with --home`, { field: 'home' });
    }
    if (!options.fresh) {
      throw new PitstopError('VALIDATION_FAILED', `the demo home ${dir} holds an earlier demo; add --fresh to wipe it and start again, or choose another directory with --home`, { field: 'home' });
    }
    // Archived files are written read-only; removing them needs only the directory to be writable.
    await fs.rm(home, { recursive: true, force: true });
  }
  await fs.mkdir(home, { recursive: true });
  await fs.writeFile(path.join(home, MARKER), `${JSON.stringify({ createdAt: options.now.toISOString(), seed: options.seed }, null, 2)}\n`);
  return home;
}
