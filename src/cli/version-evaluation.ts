// Evaluating registered versions on a labelled file, shared by `pitstop evaluate` and `pitstop ci gate`.
import type { Registry } from '../registry/index.js';
import { featureSafeColumnNames, readTable } from '../dataset/index.js';
import { PitstopError } from '../errors/index.js';
import type { Progress } from '../progress/index.js';
import { runEvaluation, type EvaluationReport } from '../training/index.js';
import path from 'node:path';

export interface VersionEvaluationRequest {
  readonly model: string;
  /** Version references (numbers, aliases, stages); the first is the champion, the last the challenger. */
  readonly references: readonly string[];
  readonly data: string;
  readonly target?: string;
  readonly gates: readonly string[];
  readonly iterations: number;
  /** Hears of the rows read and scored. */
  readonly progress?: Progress;
}

export async function evaluateVersions(registry: Registry, request: VersionEvaluationRequest): Promise<{ report: EvaluationReport; passed: boolean }> {
  const { references } = request;
  if (references.length === 0) throw new PitstopError('USAGE', '--versions needs at least one version', { field: 'versions' });
  const versions = [];
  for (const [i, reference] of references.entries()) {
    const record = await registry.resolveVersion(request.model, reference);
    const loaded = await registry.loadPackage(request.model, record.version);
    versions.push({ version: record.version, role: i === 0 ? 'champion' : i === references.length - 1 ? 'challenger' : 'candidate', manifest: loaded.manifest, modelBytes: loaded.modelBytes() });
  }
  const { table, renames } = featureSafeColumnNames(await readTable(request.data, { ...(request.progress && { progress: request.progress }) }));
  const target = request.target === undefined ? undefined : (renames[request.target] ?? request.target);
  return runEvaluation({
    model: request.model, versions, table, source: path.basename(request.data), ...(target ? { target } : {}),
    gates: request.gates, bootstrap: { iterations: request.iterations }, ...(request.progress && { progress: request.progress }),
  });
}

/** GATE_FAILED naming every gate the challenger missed. */
export function gateFailure(report: EvaluationReport): PitstopError {
  const failed = report.gates!.results.filter((g) => !g.passed).map((g) => g.explanation);
  return new PitstopError('GATE_FAILED', `challenger v${report.gates!.challenger} does not meet ${failed.join('; ')}`, { field: 'require' });
}
