// One recorded training run: train (tabular or recommender), build the .pitstop package, write it, and record the run,
// failed runs included, so `pitstop runs` shows every attempt and what it was given.
import fs from 'node:fs/promises';
import { PitstopError } from '../errors/index.js';
import { buildPackage, type BuiltPackage } from '../package/index.js';
import type { Progress } from '../progress/index.js';
import type { TrainingRunRecord, TrainingRunStore } from '../store/index.js';
import { trainRecommender, type RecommenderTrainingRequest } from './train-recommender.js';
import { trainTabularModel, type TabularTrainingRequest, type TrainedModel } from './train-tabular-model.js';

export type TrainingRequest =
  | ({ readonly kind: 'tabular' } & TabularTrainingRequest)
  | ({ readonly kind: 'recommender' } & RecommenderTrainingRequest);

export interface TrainingRunDeps {
  readonly runs: TrainingRunStore;
  readonly actor: string;
  readonly runId: string;
  readonly clock?: () => Date;
  /** Hears of the training's stages: trees built, scoring, building the package. */
  readonly progress?: Progress;
}

export interface CompletedRun {
  readonly run: TrainingRunRecord;
  readonly trained: TrainedModel;
  readonly built: BuiltPackage;
}

/** Trains, writes the package to `out` (which must not exist) and records the run; a failure is recorded, then rethrown. */
export async function runTraining(request: TrainingRequest, out: string, deps: TrainingRunDeps): Promise<CompletedRun> {
  const clock = deps.clock ?? (() => new Date());
  const started = clock();
  const algorithm = request.kind === 'tabular' ? request.algorithm : 'mf';
  const target = request.kind === 'tabular' ? request.target : (request.ratingColumn ?? '');
  const base = {
    id: deps.runId, model: request.name, algorithm, params: request.params ?? {}, seed: request.seed ?? 42,
    dataset: { fingerprint: '', source: request.source, rows: request.table.rowCount, target }, createdBy: deps.actor, startedAt: started.toISOString(),
  };
  try {
    const trained = request.kind === 'tabular' ? trainTabularModel({ ...request, ...(deps.progress ? { progress: deps.progress } : {}) }) : trainRecommender(request);
    deps.progress?.start('building the package', { unit: '' });
    const built = await buildPackage({
      modelBytes: trained.modelBytes,
      spec: trained.spec,
      reference: { table: trained.reference, digest: `sha256:${trained.dataset.fingerprint}`, source: request.source },
      ...(trained.pipeline ? { preprocessing: trained.pipeline } : {}),
      readme: runReadme(request, trained, deps.runId),
      createdBy: deps.actor,
      now: started,
    });
    await writePackage(out, built.bytes);
    const finished = clock();
    const run: TrainingRunRecord = {
      ...base, status: 'completed', params: trained.params, metrics: trained.metrics,
      dataset: { ...base.dataset, fingerprint: `sha256:${trained.dataset.fingerprint}`, rows: trained.dataset.rows },
      durationMs: finished.getTime() - started.getTime(), packageDigest: built.digest, packagePath: out, error: null, finishedAt: finished.toISOString(),
    };
    await deps.runs.recordRun(run);
    return { run, trained, built };
  } catch (error) {
    const finished = clock();
    await deps.runs
      .recordRun({
        ...base, status: 'failed', metrics: {}, durationMs: finished.getTime() - started.getTime(), packageDigest: null, packagePath: null,
        error: error instanceof Error ? error.message : String(error), finishedAt: finished.toISOString(),
      })
      .catch(() => undefined);
    throw error;
  }
}

async function writePackage(out: string, bytes: Uint8Array): Promise<void> {
  try {
    await fs.writeFile(out, bytes, { flag: 'wx' });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') throw new PitstopError('VALIDATION_FAILED', `--out: ${out} already exists; choose another name or delete it`, { field: 'out' });
    throw new PitstopError('VALIDATION_FAILED', `--out: cannot write ${out}: ${(error as Error).message}`, { field: 'out' });
  }
}

function runReadme(request: TrainingRequest, trained: TrainedModel, runId: string): string {
  const metrics = Object.entries(trained.metrics).flatMap(([split, values]) => Object.entries(values).map(([name, value]) => `| ${split} | ${name} | ${value.toFixed(4)} |`));
  return [
    `# ${request.name} ${request.version}`,
    '',
    `Trained by Pitstop (run ${runId}) with ${request.kind === 'tabular' ? request.algorithm : 'matrix factorisation'} on ${request.source}`,
    `(${trained.dataset.rows} rows, fingerprint sha256:${trained.dataset.fingerprint.slice(0, 16)}…).`,
    '',
    '| split | metric | value |',
    '|---|---|---|',
    ...metrics,
    '',
  ].join('\n');
}
