// How long work tells how far it has come: a stage (reading a file, building trees) and the units done in it. The
// capabilities report into a Progress they are given; the CLI draws it on a terminal, everyone else passes SILENT.

export interface ProgressStage {
  /** How many units the stage will take, when known (trees to build); leave out when only a share is known. */
  readonly total?: number;
  /** What a unit is, plural: "rows", "trees", "predictions"; '' for a stage only timed. */
  readonly unit: string;
}

export interface Progress {
  /** Starts a stage ("reading data.csv", "training gbdt"), ending the one before. */
  start(stage: string, details: ProgressStage): void;
  /**
   * Units of the current stage done so far; `share` (0 to 1) when the total is not counted in units (rows read, with
   * the share of bytes read). Cheap enough to call per chunk or per tree: drawing is throttled.
   */
  advance(done: number, share?: number): void;
  /** The work is over, finished or failed: nothing more is drawn and the line is cleared. */
  end(): void;
}

/** Reports nothing: the default wherever no one is watching (servers, tests, --json, output that is not a terminal). */
export const SILENT_PROGRESS: Progress = Object.freeze({
  start() {},
  advance() {},
  end() {},
});
