// Replays packages built and predictions logged in the past (test/fixtures/replay-regression/<date>/) with today's code,
// Node and onnxruntime: every package must still read, verify and load, and give the answers it gave then.
import fs from 'node:fs/promises';
import { ulid } from 'ulid';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { replayPrediction, replayRange, ReplaySessions, REPLAY_TOLERANCE, type ReplayDeps, type ReplayResult } from '../src/archive/index.js';
import { FilesystemArtifactStore } from '../src/artifacts/index.js';
import { PitstopError } from '../src/errors/index.js';
import { MANIFEST_FILE, readPackage, SIGNATURE_FILE } from '../src/package/index.js';
import { Registry } from '../src/registry/index.js';
import { onnxRuntimeVersion } from '../src/runtime/index.js';
import type { PredictionRecord, Stores } from '../src/store/index.js';
import { testBackends } from './fixtures/backends.js';
import { repackage } from './fixtures/packages.js';
import { currentPlatform, replayGenerations, type LoggedModel, type ReplayGeneration } from './fixtures/replay-fixtures.js';
import { tempDir } from './fixtures/test-databases.js';

const generations = replayGenerations();

/** Bit for bit is promised on the onnxruntime build that made the log; on another version or CPU, within REPLAY_TOLERANCE. */
function expectationFor(generation: ReplayGeneration): { identical: boolean; description: string } {
  const made = generation.log.madeWith;
  const running = `onnxruntime ${onnxRuntimeVersion()} on ${currentPlatform()}`;
  if (made.onnxruntime === onnxRuntimeVersion() && made.platform === currentPlatform()) {
    return { identical: true, description: `made and replayed on ${running}: answers must be identical` };
  }
  return { identical: false, description: `made on onnxruntime ${made.onnxruntime} on ${made.platform}, replayed on ${running}: answers must be within ${REPLAY_TOLERANCE}` };
}

/** The output with its first number moved by 0.5 (far beyond the tolerance), and that number's path as replay names it. */
function withFirstNumberShifted(output: unknown, path = ''): { output: unknown; path: string } | null {
  if (typeof output === 'number') return { output: output + 0.5, path };
  if (Array.isArray(output)) {
    for (const [i, item] of output.entries()) {
      const shifted = withFirstNumberShifted(item, `${path}[${i}]`);
      if (shifted) return { output: output.map((x, j) => (j === i ? shifted.output : x)), path: shifted.path };
    }
  } else if (output && typeof output === 'object') {
    for (const [key, value] of Object.entries(output)) {
      const shifted = withFirstNumberShifted(value, path ? `${path}.${key}` : key);
      if (shifted) return { output: { ...output, [key]: shifted.output }, path: shifted.path };
    }
  }
  return null;
}

function summary(result: ReplayResult): string {
  return `${result.predictionId}: ${result.verdict} (max |Δ| ${result.maxAbsDifference}, at ${result.differences.join(', ') || '-'})`;
}

it('has at least one fixture generation to replay', () => {
  expect(generations.map((g) => g.name)).not.toEqual([]);
});

for (const generation of generations) {
  describe(`replay fixture ${generation.name}: the packages`, () => {
    for (const model of generation.log.models) {
      it(`${model.package} still reads with today's manifest schema, every file matching its digest, and has the recorded package digest`, async () => {
        const loaded = await readPackage(generation.packageBytes(model));
        expect(loaded.digest).toBe(model.packageDigest);
        expect(loaded.manifest.name).toBe(model.name);
        expect(loaded.signatureStatus).toBe('unsigned');
        const listed = Object.keys(loaded.manifest.files).sort();
        expect([...loaded.files.keys()].filter((name) => name !== MANIFEST_FILE && name !== SIGNATURE_FILE).sort()).toEqual(listed);
        expect(listed).toContain('model.onnx');
        expect(new Set(model.predictions.map((p) => p.packageDigest))).toEqual(new Set([model.packageDigest]));
      });

      it(`refuses a copy of ${model.package} with one byte flipped`, async () => {
        const bytes = Buffer.from(generation.packageBytes(model));
        bytes[bytes.length >> 1]! ^= 0xff;
        const refusal = await readPackage(bytes).then(() => null, (error: unknown) => error);
        expect(refusal).toBeInstanceOf(PitstopError);
        expect((refusal as PitstopError).code).toMatch(/^PACKAGE_(CORRUPT|DIGEST_MISMATCH)$/);
      });

      it(`refuses a copy of ${model.package} whose model.onnx has one byte flipped inside the archive, naming the file`, async () => {
        const tampered = await repackage(generation.packageBytes(model), (files) => {
          const onnx = files.get('model.onnx')!;
          onnx[onnx.length >> 1]! ^= 0x01;
        });
        await expect(readPackage(tampered)).rejects.toMatchObject({ code: 'PACKAGE_DIGEST_MISMATCH', field: 'files.model.onnx' });
      });
    }
  });
}

for (const backend of testBackends()) {
  describe.skipIf(backend.skipReason !== '')(`replay regression on ${backend.name}${backend.skipReason ? ` (skipped: ${backend.skipReason})` : ''}`, () => {
    for (const generation of generations) {
      const expected = expectationFor(generation);
      describe(`fixture ${generation.name}, ${expected.description}`, () => {
        let stores: Stores;
        let artifactsRoot: string;
        let deps: ReplayDeps;
        beforeAll(async () => {
          ({ store: stores } = await backend.open());
          artifactsRoot = await tempDir('pitstop-replay-artifacts-');
          const registry = new Registry(stores, new FilesystemArtifactStore(artifactsRoot));
          deps = { predictions: stores.predictions, registry };
          for (const model of generation.log.models) {
            const { version } = await registry.register(generation.packageBytes(model), 'replay-regression');
            expect({ version: version.version, packageDigest: version.packageDigest }).toEqual({ version: model.version, packageDigest: model.packageDigest });
            await stores.predictions.insertPredictions(model.predictions);
          }
        });
        afterAll(async () => {
          if (artifactsRoot) await fs.rm(artifactsRoot, { recursive: true, force: true });
        });

        for (const model of generation.log.models) {
          it(`replays every logged ${model.name} prediction (${model.algorithm}), one by one and in bulk, ${expected.identical ? 'bit for bit' : `within ${REPLAY_TOLERANCE}`}`, async () => {
            const results = await replayEach(deps, model);
            const verdicts = countVerdicts(results);
            console.info(`replay fixture ${generation.name} ${model.name} on ${backend.name}: ${expected.description}; verdicts ${JSON.stringify(verdicts)}`);
            expect(results).toHaveLength(model.predictions.length);
            expect(results.filter((r) => r.verdict === 'different').map(summary)).toEqual([]);
            if (expected.identical) expect(results.filter((r) => r.verdict !== 'identical').map(summary)).toEqual([]);
            expect(results.filter((r) => r.maxAbsDifference > REPLAY_TOLERANCE).map(summary)).toEqual([]);

            const bulk = await replayRange(deps, { model: model.name, sample: model.predictions.length });
            expect(bulk).toMatchObject({ considered: model.predictions.length, replayed: model.predictions.length, mismatches: [], failures: [], versions: [model.version] });
            expect(bulk.identical + bulk.withinTolerance).toBe(model.predictions.length);
            if (expected.identical) expect(bulk.identical).toBe(model.predictions.length);
          });

          it(`catches a ${model.name} output altered in the log: replay calls it different, one by one and in bulk`, async () => {
            const original = model.predictions[0]!;
            const shifted = withFirstNumberShifted(original.output);
            expect(shifted).not.toBeNull();
            const altered: PredictionRecord = { ...original, id: ulid(), output: shifted!.output };
            await stores.predictions.insertPredictions([altered]);

            const result = await replayPrediction(deps, altered.id);
            expect(result).toMatchObject({ verdict: 'different', differences: [shifted!.path] });
            expect(result.maxAbsDifference).toBeGreaterThan(0.4);
            const bulk = await replayRange(deps, { model: model.name, sample: model.predictions.length + 1 });
            expect(bulk.mismatches.map((r) => r.predictionId)).toEqual([altered.id]);
            expect(bulk.failures).toEqual([]);
          });
        }
      });
    }
  });
}

async function replayEach(deps: ReplayDeps, model: LoggedModel): Promise<ReplayResult[]> {
  const sessions = new ReplaySessions(deps.registry);
  try {
    const results: ReplayResult[] = [];
    for (const prediction of model.predictions) results.push(await replayPrediction(deps, prediction.id, sessions));
    return results;
  } finally {
    await sessions.close();
  }
}

function countVerdicts(results: readonly ReplayResult[]): Record<ReplayResult['verdict'], number> {
  const counts = { identical: 0, 'within-tolerance': 0, different: 0 };
  for (const result of results) counts[result.verdict]++;
  return counts;
}
