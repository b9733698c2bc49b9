// Packages trained by Pitstop's own trainers on small synthetic data, for the explanation tests (they belong in
// test/fixtures/ once that folder is free to edit). Each has a pipeline: two numbers, a one-hot category and a date.
import { seededRandom, tableFromRecords } from '../dataset/index.js';
import { buildPackage, readPackage, type LoadedPackage } from '../package/index.js';
import { trainTabularModel, type TabularAlgorithm } from '../training/index.js';

export type SyntheticTask = 'regression' | 'binary' | 'multiclass';

export interface SyntheticRecord {
  readonly x1: number;
  readonly x2: number;
  readonly colour: string;
  readonly day: string;
  readonly y: number | string;
}

const COLOUR_EFFECT: Record<string, number> = { red: 1, green: -1, blue: 0.5 };

/**
 * y = 2·x1 − x2 + a colour effect + month / 6 (+ noise): the value itself for regression; for classification the
 * classes come from noisy thresholds on it, so probabilities stay away from 0 and 1.
 */
export function syntheticRecords(count: number, task: SyntheticTask, seed = 3): SyntheticRecord[] {
  const random = seededRandom(seed);
  return Array.from({ length: count }, () => {
    const x1 = random() * 10;
    const x2 = random() * 5 - 2;
    const colour = Object.keys(COLOUR_EFFECT)[Math.floor(random() * 3)]!;
    const month = 1 + Math.floor(random() * 12);
    const day = `2023-${String(month).padStart(2, '0')}-${String(1 + Math.floor(random() * 28)).padStart(2, '0')}`;
    const score = 2 * x1 - x2 + COLOUR_EFFECT[colour]! + month / 6;
    const noisy = score + (random() - 0.5) * (task === 'regression' ? 1 : 12);
    const y = task === 'regression' ? noisy : task === 'binary' ? (noisy > 10 ? 'yes' : 'no') : noisy < 7 ? 'low' : noisy < 13 ? 'mid' : 'high';
    return { x1, x2, colour, day, y };
  });
}

/** Trains `algorithm` on 400 synthetic records and returns the package as the registry would load it, and its bytes. */
export async function trainedSyntheticPackage(
  algorithm: TabularAlgorithm,
  task: SyntheticTask,
  params: Record<string, unknown> = {},
): Promise<{ pkg: LoadedPackage; bytes: Uint8Array; records: SyntheticRecord[] }> {
  const records = syntheticRecords(400, task);
  const trained = trainTabularModel({
    table: tableFromRecords(records as unknown as Record<string, unknown>[]),
    source: 'synthetic',
    target: 'y',
    algorithm,
    task: task === 'regression' ? 'regression' : 'classification',
    params,
    name: `synthetic-${algorithm}-${task}`,
    version: '1.0.0',
  });
  const built = await buildPackage({
    modelBytes: trained.modelBytes,
    spec: trained.spec,
    reference: { table: trained.reference, digest: 'sha256:synthetic', source: 'synthetic' },
    ...(trained.pipeline ? { preprocessing: trained.pipeline } : {}),
    createdBy: 'pitstop-tests',
    now: new Date('2024-01-02T03:04:05.000Z'),
  });
  return { pkg: await readPackage(built.bytes), bytes: built.bytes, records };
}

/** A record without its target, as a caller would send it. */
export function withoutTarget(record: SyntheticRecord): Record<string, unknown> {
  const { y: _target, ...input } = record;
  return input;
}
