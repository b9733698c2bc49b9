// The decommissioning story end to end, as a team would run it with the CLI and a real server: train and serve v1,
// train v2 and promote it under load (v1 decommissioned, no request fails), archive v1, replay v1's logged decisions
// from the archive bit for bit, explain them (contributions add up to the output), catch a tampered archive, and hand
// an auditor a bundle that verifies offline.
import fs from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readPackageArchive, writePackageArchive } from '../src/package/index.js';
import { runCli, runCliJson } from './fixtures/run-cli.js';
import { startServerProcess, type ServerProcess } from './fixtures/server-process.js';
import { tempDir } from './fixtures/test-databases.js';

const MODEL = 'delivery-time';
const REGIONS = ['north', 'south', 'east'] as const;

/** y = 2·distance − 0.5·stops + a region effect + a little noise: values of a few units, so 1e-4 is a strict bound. */
function deliveryCsv(rows: number, seed: number): string {
  let state = seed;
  const random = () => ((state = (state * 1_103_515_245 + 12_345) % 2 ** 31) / 2 ** 31);
  const lines = ['distance,stops,region,minutes'];
  for (let i = 0; i < rows; i++) {
    const distance = Math.round(random() * 1000) / 100;
    const stops = Math.floor(random() * 6);
    const region = REGIONS[i % 3]!;
    const minutes = 2 * distance - 0.5 * stops + { north: 1, south: -1, east: 0 }[region] + (random() - 0.5) * 0.2;
    lines.push(`${distance},${stops},${region},${minutes.toFixed(4)}`);
  }
  return `${lines.join('\n')}\n`;
}

interface Explained { method: string; baseline: number; output: number; contributions: { feature: string; contribution: number }[]; sentences: string[] }

describe('decommission, archive, replay and explain, end to end with the CLI', () => {
  let home: string;
  let env: NodeJS.ProcessEnv;
  let server: ServerProcess | null = null;
  let token: string;
  const v1Ids: string[] = [];
  const predict = async (records: unknown[]) => {
    const response = await fetch(`${server!.url}/v1/models/${MODEL}/predict`, {
      method: 'POST', headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' }, body: JSON.stringify({ records }),
    });
    return { status: response.status, body: (await response.json()) as { model: { version: number }; predictions: { value: number }[]; prediction_ids: string[] } };
  };
  const cli = (args: string[]) => runCli(args, { env });
  const json = <T>(args: string[]) => runCliJson<T>(args, { env });

  beforeAll(async () => {
    home = await tempDir('pitstop-e2e-');
    env = { PITSTOP_HOME: home, PITSTOP_DATABASE_URL: '', PITSTOP_ARTIFACTS_URL: '', PITSTOP_ARCHIVE_URL: '' };
    for (const key of ['PITSTOP_DATABASE_URL', 'PITSTOP_ARTIFACTS_URL', 'PITSTOP_ARCHIVE_URL']) delete env[key];
    await fs.writeFile(path.join(home, 'train.csv'), deliveryCsv(900, 7));
    token = (await json<{ key: string }>(['keys', 'create', '--role', 'admin', '--name', 'e2e'])).key;
  }, 120_000);
  afterAll(async () => {
    await server?.stop();
  });

  it('trains v1, promotes it, and serves and logs its predictions', async () => {
    const train = await cli(['train', '--algo', 'gbdt', '--data', path.join(home, 'train.csv'), '--target', 'minutes', '--name', MODEL, '--params', 'nTrees=60,maxDepth=4,minLeaf=5', '--register', '--out', path.join(home, 'v1.pitstop')]);
    expect(train.code, train.stderr).toBe(0);
    expect((await cli(['promote', MODEL, '1', '--reason', 'first model'])).code).toBe(0);
    server = await startServerProcess({ ...env, PITSTOP_ACTOR: 'server' });
    for (let i = 0; i < 12; i++) {
      // Single records and batches of three, so replay meets both one-row and batched model runs.
      const records = Array.from({ length: i % 2 === 0 ? 1 : 3 }, (_, j) => ({ distance: 0.5 + i * 0.7 + j, stops: (i + j) % 5, region: REGIONS[(i + j) % 3] }));
      const { status, body } = await predict(records);
      expect(status).toBe(200);
      expect(body.model.version).toBe(1);
      v1Ids.push(...body.prediction_ids);
    }
  }, 120_000);

  it('trains v2 and promotes it under load: v1 decommissioned, not one request fails', async () => {
    await fs.writeFile(path.join(home, 'train-v2.csv'), deliveryCsv(1500, 11));
    expect((await cli(['train', '--algo', 'ridge', '--data', path.join(home, 'train-v2.csv'), '--target', 'minutes', '--name', MODEL, '--register', '--out', path.join(home, 'v2.pitstop')])).code).toBe(0);
    let running = true;
    const statuses: number[] = [];
    const versions = new Set<number>();
    const load = Array.from({ length: 4 }, async (_, lane) => {
      for (let n = 0; running; n++) {
        const { status, body } = await predict([{ distance: (lane + n) % 9, stops: n % 4, region: REGIONS[n % 3] }]);
        statuses.push(status);
        if (status === 200) versions.add(body.model.version);
      }
    });
    await new Promise((resolve) => setTimeout(resolve, 300));
    const promote = await json<{ moves: { version: number; from: string; to: string }[] }>(['promote', MODEL, '2', '--reason', 'ridge is as good and simpler']);
    expect(promote.moves.map((m) => `${m.version}:${m.from}->${m.to}`)).toEqual(['2:registered->staging', '1:production->decommissioned', '2:staging->production']);
    const deadline = Date.now() + 10_000;
    while (Date.now() < deadline && (await predict([{ distance: 1, stops: 1, region: 'east' }])).body.model.version !== 2) await new Promise((r) => setTimeout(r, 50));
    await new Promise((resolve) => setTimeout(resolve, 300));
    running = false;
    await Promise.all(load);
    expect(statuses.length).toBeGreaterThan(20);
    expect(statuses.filter((s) => s !== 200)).toEqual([]);
    expect([...versions].sort()).toEqual([1, 2]);
    expect(await server!.stop()).toBe(0);
    server = null;
  }, 120_000);

  it('archives v1: its package leaves the live store for the archive, with a retention date', async () => {
    const archived = await json<{ entry: { retainUntil: string }; removedLiveCopy: boolean; verification: { ok: boolean } }>(['archive', MODEL, '1', '--reason', 'replaced by v2', '--retention', '7y']);
    expect(archived.removedLiveCopy).toBe(true);
    expect(archived.verification.ok).toBe(true);
    expect(new Date(archived.entry.retainUntil).getUTCFullYear()).toBe(new Date().getUTCFullYear() + 7);
    const versions = await json<{ version: number; stage: string }[]>(['versions', MODEL]);
    expect(versions.map((v) => `${v.version}:${v.stage}`)).toEqual(['1:archived', '2:production']);
  }, 60_000);

  it("replays every one of v1's logged predictions from the archive with identical outputs", async () => {
    const started = performance.now();
    const one = await json<{ verdict: string; version: number; loadMs: number; runMs: number }>(['replay', v1Ids[0]!]);
    const coldMs = performance.now() - started;
    expect(one).toMatchObject({ verdict: 'identical', version: 1 });
    console.log(`cold replay of one archived prediction: ${coldMs.toFixed(0)} ms for the whole CLI call, of which load from the archive ${one.loadMs.toFixed(1)} ms and run ${one.runMs.toFixed(2)} ms`);
    const bulk = await json<{ versions: number[]; replayed: number; identical: number; failures: unknown[]; mismatches: unknown[] }>(['replay', '--model', MODEL, '--sample', '100000']);
    expect(bulk.failures).toEqual([]);
    expect(bulk.mismatches).toEqual([]);
    expect(bulk.identical).toBe(bulk.replayed);
    expect(bulk.versions).toEqual([1, 2]);
    expect(bulk.replayed).toBeGreaterThanOrEqual(v1Ids.length);
  }, 60_000);

  it("explains v1's logged predictions: the contributions add up to the logged output within 1e-4", async () => {
    for (const id of v1Ids.slice(0, 4)) {
      const explained = await json<Explained>(['explain', id]);
      const logged = (await json<{ logged: { value: number } }>(['replay', id])).logged.value;
      const total = explained.baseline + explained.contributions.reduce((sum, c) => sum + c.contribution, 0);
      expect(explained.method).toBe('tree-shap');
      expect(explained.contributions.map((c) => c.feature).sort()).toEqual(['distance', 'region', 'stops']);
      expect(Math.abs(total - logged)).toBeLessThanOrEqual(1e-4);
      expect(Math.abs(explained.output - logged)).toBeLessThanOrEqual(1e-4);
    }
    const human = await cli(['explain', v1Ids[1]!]);
    expect(human.stdout).toMatch(/distance = [\d.]+ (raised|lowered) the predicted value of minutes by [\d.]+/);
  }, 60_000);

  it('exports an audit bundle that verifies offline, and fails verification once a logged output is changed', async () => {
    const out = path.join(home, 'audit.tar.gz');
    const exported = await json<{ manifest: { counts: { versions: number; predictions: number; identical: number; explained: number } } }>(['export-audit', MODEL, '--out', out]);
    expect(exported.manifest.counts.versions).toBe(2);
    expect(exported.manifest.counts.identical).toBe(exported.manifest.counts.predictions);
    expect(exported.manifest.counts.explained).toBe(exported.manifest.counts.predictions);
    const verified = await json<{ ok: boolean; filesChecked: number; packagesVerified: number; predictions: { identical: number; different: number } }>(['verify-bundle', out]);
    expect(verified).toMatchObject({ ok: true, filesMatched: verified.filesChecked, packagesVerified: 2, predictions: { identical: exported.manifest.counts.predictions, different: 0 } });

    // Change one logged answer and re-pack the bundle: the digest check catches it.
    const files = await readPackageArchive(await fs.readFile(out));
    const lines = files.get('predictions.jsonl')!.toString('utf8').split('\n');
    lines[0] = lines[0]!.replace(/"value":(-?[\d.e-]+)/, (_, v: string) => `"value":${Number(v) + 1}`);
    files.set('predictions.jsonl', Buffer.from(lines.join('\n')));
    await fs.writeFile(out, await writePackageArchive(files));
    const refused = await cli(['verify-bundle', out]);
    expect(refused.code).toBe(5);
    expect(refused.stderr.trim()).toMatch(/^pitstop: BUNDLE_INVALID: 1 problem\(s\), the first: predictions.jsonl: does not match its digest in the manifest \(changed after export\)$/);
    // The summary counts only the files that matched.
    expect(refused.stdout).toContain(`  ${verified.filesChecked - 1} of ${verified.filesChecked} files match their digests;`);
  }, 120_000);

  it('finds a tampered archived package with `archive verify`, and replay refuses it in one clear line', async () => {
    const [entry] = await json<{ packageKey: string }[]>(['archive', 'list']);
    const file = path.join(home, 'archive', 'sha256', entry!.packageKey.slice(0, 2), entry!.packageKey);
    const bytes = await fs.readFile(file);
    bytes[bytes.length - 30]! ^= 0x01;
    await fs.chmod(file, 0o644);
    await fs.writeFile(file, bytes);
    const verify = await cli(['archive', 'verify']);
    expect(verify.code).toBe(5);
    expect(verify.stdout).toMatch(new RegExp(`${MODEL} v1: FAILED\\n  package.pitstop: artifact ${entry!.packageKey} in .* now hashes to [0-9a-f]{64}: it was changed or corrupted`));
    expect(verify.stderr.trim()).toBe(`pitstop: ARCHIVE_VERIFICATION_FAILED: 1 of 1 archived version(s) failed verification: ${MODEL} v1`);
    const replay = await cli(['replay', v1Ids[0]!]);
    expect(replay.code).toBe(5);
    expect(replay.stderr.trim().split('\n')).toEqual([expect.stringMatching(/^pitstop: ARTIFACT_DIGEST_MISMATCH: artifact [0-9a-f]{64} in .*archive now hashes to [0-9a-f]{64}: it was changed or corrupted$/)]);
    const listed = await json<{ lastVerification: { ok: boolean; problems: string[] } }[]>(['archive', 'list']);
    expect(listed[0]!.lastVerification.ok).toBe(false);
  }, 60_000);
});
