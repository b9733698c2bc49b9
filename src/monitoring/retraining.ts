// The feedback loop's last step: when an alert asks for it, train a candidate on the labelled predictions, register it
// in staging, compare it with the champion on the newest labelled rows, and promote it or hold it for a person, as the
// model's policy says. Every step is recorded in the audit log.
import { spawn } from 'node:child_process';
import fs from 'node:fs/promises';
import path from 'node:path';
import { ulid } from 'ulid';
import { tableFromRecords, type Table } from '../dataset/index.js';
import { PitstopError } from '../errors/index.js';
import type { Registry } from '../registry/index.js';
import type { Stores } from '../store/index.js';
import { runEvaluation, runTraining, TABULAR_ALGORITHMS, type TabularAlgorithm } from '../training/index.js';

export interface RetrainPolicy {
  readonly model: string;
  /** The built-in trainer with the champion's algorithm and parameters, or any executable that writes a package. */
  readonly trainer: { readonly kind: 'builtin' } | { readonly kind: 'command'; readonly argv: readonly string[] };
  /** Gates the candidate must pass against the champion; default: not worse on the task's headline metric. */
  readonly gates?: readonly string[];
  /** auto: promote a candidate that passes; manual: leave it in staging for a person to promote. */
  readonly promotion: 'auto' | 'manual';
  readonly minLabels?: number;
  /** Share of the newest labelled rows kept out of training to compare champion and candidate. */
  readonly holdout?: number;
}

export type RetrainOutcome =
  | { readonly status: 'skipped'; readonly reason: string }
  | { readonly status: 'promoted' | 'awaiting-approval' | 'rejected'; readonly candidate: number; readonly champion: number; readonly gates: readonly { text: string; passed: boolean; explanation: string }[] };

export interface RetrainDeps {
  readonly store: Stores;
  readonly registry: Registry;
  readonly actor: string;
  /** Where candidate packages and data handed to a command trainer are written. */
  readonly workDir: string;
}

export async function retrainModel(deps: RetrainDeps, policy: RetrainPolicy, trigger: string): Promise<RetrainOutcome> {
  const { store, registry, actor } = deps;
  const audit = (action: string, details: Record<string, unknown>, version: number | null = null) =>
    store.recordAudit({ actor, action, model: policy.model, version, fromStage: null, toStage: null, reason: trigger, details });
  const skip = async (reason: string): Promise<RetrainOutcome> => {
    await audit('retrain.skipped', { why: reason });
    return { status: 'skipped', reason };
  };

  const champion = (await registry.listVersions(policy.model)).find((v) => v.stage === 'production');
  if (!champion) return skip('no version in production to retrain from');
  const championPackage = await registry.loadPackage(policy.model, champion.version);
  const manifest = championPackage.manifest;
  const target = String(manifest.lineage.parameters?.target ?? 'label');
  const labelled = await store.labels.labelledPredictions({ model: policy.model });
  if (labelled.length < (policy.minLabels ?? 50)) return skip(`only ${labelled.length} labelled predictions (need ${policy.minLabels ?? 50})`);
  await audit('retrain.started', { champion: champion.version, labelled: labelled.length, trainer: policy.trainer.kind }, champion.version);

  // Oldest labels train the candidate; the newest judge both models, as they will be judged in production.
  const rows = labelled.map(({ prediction, label }) => ({ ...prediction.input, [target]: label.actual }));
  const cut = Math.floor(rows.length * (1 - (policy.holdout ?? 0.3)));
  const [trainRows, judgeRows] = [tableFromRecords(rows.slice(0, cut)), tableFromRecords(rows.slice(cut))];
  await fs.mkdir(deps.workDir, { recursive: true });
  const runId = ulid();
  const out = path.join(deps.workDir, `${policy.model}-retrain-${runId.toLowerCase()}.pitstop`);
  if (policy.trainer.kind === 'builtin') {
    const parameters = manifest.lineage.parameters ?? {};
    const algorithm = String(parameters.algorithm ?? 'gbdt');
    if (!(TABULAR_ALGORITHMS as readonly string[]).includes(algorithm)) return skip(`the built-in trainer cannot retrain a ${algorithm} model; configure a command trainer`);
    await runTraining(
      {
        kind: 'tabular', table: trainRows, source: `labelled predictions of ${policy.model} (${trainRows.rowCount} rows)`, target, name: policy.model, version: `retrain-${runId.toLowerCase()}`,
        algorithm: algorithm as TabularAlgorithm, task: manifest.task === 'regression' ? 'regression' : 'classification',
        params: (parameters.params as Record<string, unknown> | undefined) ?? {}, seed: Number(parameters.seed ?? 42), split: { validation: 0.1, holdout: 0.1 },
        features: manifest.features.map((f) => f.name),
      },
      out,
      { runs: store.runs, actor, runId },
    );
  } else {
    await runCommandTrainer(policy.trainer.argv, trainRows, out, deps.workDir, runId);
  }

  const registered = await registry.register(await fs.readFile(out), actor, { description: `retrained after: ${trigger}` });
  const candidate = registered.version.version;
  await registry.setStage(policy.model, candidate, 'staging', `candidate retrained after: ${trigger}`, actor);
  const loaded = [championPackage, await registry.loadPackage(policy.model, candidate)];
  const { report, passed } = await runEvaluation({
    model: policy.model,
    versions: loaded.map((p, i) => ({ version: i === 0 ? champion.version : candidate, role: i === 0 ? 'champion' : 'challenger', manifest: p.manifest, modelBytes: p.modelBytes() })),
    table: judgeRows, source: `newest ${judgeRows.rowCount} labelled predictions`, target, gates: policy.gates ?? defaultGates(manifest.task), bootstrap: { iterations: 200 },
  });
  const gates = (report.gates?.results ?? []).map((g) => ({ text: g.gate.text, passed: g.passed, explanation: g.explanation }));
  await audit('retrain.evaluated', { champion: champion.version, candidate, rows: judgeRows.rowCount, passed, gates }, candidate);
  if (!passed) {
    await audit('retrain.rejected', { candidate, gates }, candidate);
    return { status: 'rejected', candidate, champion: champion.version, gates };
  }
  if (policy.promotion === 'manual') {
    await audit('retrain.awaiting_approval', { candidate, champion: champion.version }, candidate);
    return { status: 'awaiting-approval', candidate, champion: champion.version, gates };
  }
  const outcome = await registry.requestPromotion(policy.model, candidate, `retrained candidate passed ${gates.map((g) => g.text).join(', ')} (trigger: ${trigger})`, actor);
  if (outcome.status === 'pending') {
    // The model's promotion policy wants a second person: the passing candidate waits for them like any other.
    await audit('retrain.awaiting_approval', { candidate, champion: champion.version, request: outcome.request.id }, candidate);
    return { status: 'awaiting-approval', candidate, champion: champion.version, gates };
  }
  await audit('retrain.promoted', { candidate, replaced: champion.version }, candidate);
  return { status: 'promoted', candidate, champion: champion.version, gates };
}

function defaultGates(task: string): string[] {
  return task === 'regression' ? ['rmse<=champion'] : ['accuracy>=champion'];
}

/** Hands the training rows to an executable as JSON lines and expects a .pitstop package where PITSTOP_RETRAIN_OUT says. */
async function runCommandTrainer(argv: readonly string[], rows: Table, out: string, workDir: string, runId: string): Promise<void> {
  const dataFile = path.join(workDir, `retrain-${runId.toLowerCase()}.jsonl`);
  const records = [];
  for (let row = 0; row < rows.rowCount; row++) records.push(JSON.stringify(Object.fromEntries([...rows.columns].map(([name, column]) => [name, column.values[row] ?? null]))));
  await fs.writeFile(dataFile, `${records.join('\n')}\n`);
  const [command, ...args] = argv;
  if (!command) throw new PitstopError('CONFIG_INVALID', 'a command trainer needs an executable', { field: 'trainer.argv' });
  const code = await new Promise<number>((resolve, reject) => {
    const child = spawn(command, args, { stdio: ['ignore', 'inherit', 'inherit'], env: { ...process.env, PITSTOP_RETRAIN_DATA: dataFile, PITSTOP_RETRAIN_OUT: out } });
    child.on('error', reject);
    child.on('close', (c) => resolve(c ?? 1));
  });
  if (code !== 0) throw new PitstopError('INTERNAL', `the retraining command ${command} exited with ${code}`, { field: 'trainer' });
}
