// From `package init` to `package build` as a newcomer does it: an edited manifest is never replaced unasked, the
// starter's placeholder description never reaches a package, and the build says how little one made-up row proves.
import fs from 'node:fs/promises';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { runCli } from './fixtures/run-cli.js';
import { tempDir } from './fixtures/test-databases.js';

const IRIS = path.resolve('examples/iris');
const MODEL = path.join(IRIS, 'model.onnx');

describe('package init, then package build', () => {
  let work: string;
  beforeAll(async () => {
    work = await tempDir('pitstop-package-init-');
  });

  it('refuses to replace an existing --out in one line naming --force, and replaces it with --force', async () => {
    const out = path.join(work, 'edited.yaml');
    await fs.writeFile(out, 'description: my edits\n');
    const refused = await runCli(['package', 'init', '--model', MODEL, '--name', 'iris', '--out', out], { cwd: work });
    expect(refused.code).toBe(2);
    expect(refused.stderr.trim().split('\n')).toEqual([`pitstop: VALIDATION_FAILED: --out: ${out} already exists; choose another --out, or add --force to replace it`]);
    expect(await fs.readFile(out, 'utf8')).toBe('description: my edits\n');

    const forced = await runCli(['package', 'init', '--model', MODEL, '--name', 'iris', '--out', out, '--force'], { cwd: work });
    expect(forced.code, forced.stderr).toBe(0);
    expect(await fs.readFile(out, 'utf8')).toMatch(/^name: iris$/m);
  });

  it('refuses to build while the description is the starter text, and builds once it says what the model does', async () => {
    const manifest = path.join(work, 'starter.yaml');
    expect((await runCli(['package', 'init', '--model', MODEL, '--name', 'iris', '--out', manifest], { cwd: work })).code).toBe(0);
    const refused = await runCli(['package', 'build', '--model', MODEL, '--manifest', manifest, '--out', path.join(work, 'starter.pitstop')], { cwd: work });
    expect(refused.code).toBe(2);
    expect(refused.stderr.trim().split('\n')).toEqual([expect.stringMatching(/^pitstop: MANIFEST_INVALID: .*starter\.yaml: description: still the starter text from `package init`; say in a sentence what the model does/)]);

    await fs.writeFile(manifest, (await fs.readFile(manifest, 'utf8')).replace(/^description: .*$/m, 'description: Iris species from four flower measurements.'));
    const built = await runCli(['package', 'build', '--model', MODEL, '--manifest', manifest, '--out', path.join(work, 'described.pitstop')], { cwd: work });
    expect(built.code, built.stderr).toBe(0);
  });

  it('says the labels were checked on one made-up row only without --reference, and on the real rows with it', async () => {
    const args = ['package', 'build', '--model', MODEL, '--manifest', path.join(IRIS, 'pitstop.yaml')];
    const bare = await runCli([...args, '--out', path.join(work, 'bare.pitstop')], { cwd: work });
    expect(bare.code, bare.stderr).toBe(0);
    expect(bare.stdout).toMatch(/labels identical to the original on 1 made-up row only \(add --reference DATA\.csv to check it on real rows\)/);
    const reference = path.join(IRIS, 'iris.csv');
    const checked = await runCli([...args, '--reference', reference, '--out', path.join(work, 'checked.pitstop')], { cwd: work });
    expect(checked.code, checked.stderr).toBe(0);
    expect(checked.stdout).toContain(`labels identical to the original on 150 rows of ${reference}`);
  });
});
