// Trains the movie model the way `pitstop train --algo mf` does (runTraining: trainer, ONNX export, package build) and
// loads the package it wrote into the serving runtime's ModelSession, so the evaluation scores what would be deployed.
import { readFileSync } from 'node:fs';
import type { Table } from '../../src/dataset/index.js';
import { readPackage } from '../../src/package/index.js';
import { ModelSession } from '../../src/runtime/index.js';
import type { TrainingRunRecord, TrainingRunStore } from '../../src/store/index.js';
import { runTraining } from '../../src/training/index.js';

/** What `pitstop train --algo mf` is told: `--target` and `--params`. */
export interface MovieModelSettings {
  /**
   * `rating`: explicit feedback predicts the stars; implicit feedback uses them as the interaction's strength
   * (confidence 1 + alpha·stars). null (implicit only): every rating is one interaction, whatever its stars.
   */
  readonly target: 'rating' | null;
  /** Matrix-factorisation params (feedback, factors, iterations, regularization, alpha, topK). */
  readonly params: Readonly<Record<string, unknown>>;
}

export interface MovieModelRequest {
  readonly table: Table;
  /** The data file's name, as the package's lineage records it. */
  readonly source: string;
  readonly settings: MovieModelSettings;
  readonly seed: number;
  /** The .pitstop file to write; it must not exist. */
  readonly out: string;
  readonly version: string;
}

export interface MovieModel {
  readonly run: TrainingRunRecord;
  readonly packageFile: string;
  readonly digest: string;
  readonly session: ModelSession;
}

/** The columns `pitstop train --algo mf --user-column userId --item-column movieId` would be given. */
export const MOVIE_COLUMNS = { userColumn: 'userId', itemColumn: 'movieId' } as const;

export async function trainMovieModel(request: MovieModelRequest): Promise<MovieModel> {
  const runs = new MemoryRunStore();
  const { run, built } = await runTraining(
    {
      kind: 'recommender',
      table: request.table,
      source: request.source,
      name: 'movie-recs',
      version: request.version,
      ...MOVIE_COLUMNS,
      ...(request.settings.target ? { ratingColumn: request.settings.target } : {}),
      params: { ...request.settings.params },
      seed: request.seed,
      // Our own temporal split already held data out; the trainer's random holdout would only shrink training.
      holdout: 0,
    },
    request.out,
    { runs, actor: 'examples/movies', runId: `movies-${request.version}` },
  );
  const loaded = await readPackage(readFileSync(request.out));
  const session = await ModelSession.load(loaded.modelBytes(), loaded.manifest);
  return { run, packageFile: request.out, digest: built.digest, session };
}

/** Each user's candidate movies, best first, as the deployed graph answers them (already-rated ones included). */
export async function modelCandidates(session: ModelSession, users: readonly string[]): Promise<Map<string, string[]>> {
  const predictions = await session.predict(users.map((user) => ({ [MOVIE_COLUMNS.userColumn]: user })));
  return new Map(users.map((user, i) => {
    const items = predictions[i]?.outputs?.['items'];
    if (!Array.isArray(items)) throw new Error(`the model answered no item list for user ${user}`);
    return [user, items.map(String)];
  }));
}

/** The example records its runs in memory; `pitstop train` records them in the metadata store. */
class MemoryRunStore implements TrainingRunStore {
  private readonly runs = new Map<string, TrainingRunRecord>();

  async recordRun(run: TrainingRunRecord): Promise<TrainingRunRecord> {
    this.runs.set(run.id, run);
    return run;
  }

  async getRun(id: string): Promise<TrainingRunRecord | undefined> {
    return this.runs.get(id);
  }

  async listRuns(): Promise<TrainingRunRecord[]> {
    return [...this.runs.values()].reverse();
  }
}
