// `pitstop feedback import` and `show` as a user runs them, against a home whose database already holds logged
// predictions: labels from CSV and JSON files in batches, conflicts and corrections, and one readable line per error.
import fs from 'node:fs/promises';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { prediction } from '../src/store/serving-stores-contract.js';
import { openMetadataStore, type Stores } from '../src/store/index.js';
import { runCli, runCliJson } from './fixtures/run-cli.js';
import { tempDir } from './fixtures/test-databases.js';

const opened: Stores[] = [];
afterAll(async () => {
  await Promise.all(opened.map((s) => s.close()));
});

/** A fresh PITSTOP_HOME whose database has `count` logged predictions; returns their ids. */
async function homeWithPredictions(count: number) {
  const work = await tempDir('pitstop-feedback-');
  const home = path.join(work, 'home');
  const stores = await openMetadataStore(`sqlite:${home}/pitstop.db`);
  opened.push(stores);
  const records = Array.from({ length: count }, (_, i) => prediction(i));
  await stores.predictions.insertPredictions(records);
  const write = async (name: string, text: string) => {
    await fs.writeFile(path.join(work, name), text);
    return name;
  };
  return { work, stores, ids: records.map((r) => r.id), env: { PITSTOP_HOME: home }, write };
}

const csv = (header: string, rows: readonly (readonly unknown[])[]) => [header, ...rows.map((r) => r.join(','))].join('\n');

describe('pitstop feedback', () => {
  it('imports 2,500 labels in batches of 1,000, numbers as numbers, and shows a history with its corrections', async () => {
    const { work, stores, ids, env, write } = await homeWithPredictions(2500);
    const file = await write('prices.csv', csv('prediction_id,price', ids.map((id, i) => [id, i * 1.5])));
    const summary = await runCliJson(['feedback', 'import', file, '--label-column', 'price'], { env, cwd: work });
    expect(summary).toEqual({ file, stored: 2500, corrections: 0, batches: 3 });
    expect(await stores.labels.labelHistory(ids[7]!)).toEqual([expect.objectContaining({ actual: 10.5, actor: 'test-user', supersedes: null })]);

    const corrections = await write('fixes.json', JSON.stringify([{ prediction_id: ids[7], label: 'unknown' }, { prediction_id: ids[8], label: '12' }]));
    const human = await runCli(['feedback', 'import', corrections, '--correct', '--reason', 'appraisals redone'], { env, cwd: work });
    expect([human.code, human.stdout.trim()]).toEqual([0, 'Stored 2 labels from fixes.json, 2 of them corrections.']);
    const [first, second] = await stores.labels.labelHistory(ids[8]!);
    expect(second).toMatchObject({ actual: '12', supersedes: first!.id, reason: 'appraisals redone' });

    const shown = await runCli(['feedback', 'show', ids[8]!], { env });
    expect(shown.stdout.split('\n')[0]).toMatch(/^LABEL +ACTUAL +LABELLED AT +BY +SUPERSEDES +REASON$/);
    expect(shown.stdout).toMatch(new RegExp(`${second!.id} +"12" +\\S+ +test-user +${first!.id} +appraisals redone`));
    expect(await runCliJson(['feedback', 'show', ids[8]!], { env })).toEqual([first, second]);
    expect((await runCli(['feedback', 'show', ids[2499]!.replace(/.$/, 'Z')], { env })).stderr.trim()).toMatch(/^pitstop: PREDICTION_NOT_FOUND: no logged prediction "01HP/);
  });

  it('refuses a second label, or an unknown id, with one line naming the row; earlier batches stay stored', async () => {
    const { work, stores, ids, env, write } = await homeWithPredictions(2500);
    const labelled = await write('first.csv', csv('prediction_id,label', [[ids[0], 'cat'], [ids[1], 'dog']]));
    expect((await runCli(['feedback', 'import', labelled], { env, cwd: work })).code).toBe(0);

    const again = await runCli(['feedback', 'import', labelled], { env, cwd: work });
    expect(again.code).toBe(4);
    expect(again.stderr.trim().split('\n')).toEqual([
      `pitstop: LABEL_CONFLICT: first.csv row 1: prediction "${ids[0]}" already has label 1; send the new one as a correction to supersede it (and 1 more in this batch); nothing was stored`,
    ]);

    const rows = ids.slice(2).map((id, i) => [i === 2100 ? 'no-such-prediction' : id, 'bird']);
    const unknown = await runCli(['feedback', 'import', await write('later.csv', csv('prediction_id,label', rows))], { env, cwd: work });
    expect(unknown.code).toBe(3);
    expect(unknown.stderr.trim().split('\n')).toEqual([
      'pitstop: PREDICTION_NOT_FOUND: later.csv row 2101: no logged prediction "no-such-prediction"; the 2000 labels before later.csv row 2001 were stored, none from there on',
    ]);
    expect(await stores.labels.countLabels({ model: 'iris' })).toBe(2 + 2000);
  });

  it('checks the whole file before storing anything: an empty cell or the same prediction twice', async () => {
    const { work, stores, ids, env, write } = await homeWithPredictions(3);
    const twice = await runCli(['feedback', 'import', await write('twice.csv', csv('prediction_id,label', [[ids[0], 1], [ids[1], 2], [ids[0], 3]]))], { env, cwd: work });
    expect([twice.code, twice.stderr.trim()]).toEqual([4, `pitstop: LABEL_CONFLICT: twice.csv row 3: prediction "${ids[0]}" is labelled again (first on twice.csv row 1); keep one label per prediction`]);
    const empty = await runCli(['feedback', 'import', await write('empty.csv', csv('prediction_id,label', [[ids[0], 1], [ids[1], '']]))], { env, cwd: work });
    expect([empty.code, empty.stderr.trim()]).toEqual([2, 'pitstop: VALIDATION_FAILED: empty.csv row 2: column "label" is empty; every row needs a label']);
    const noColumn = await runCli(['feedback', 'import', 'empty.csv', '--label-column', 'outcome'], { env, cwd: work });
    expect([noColumn.code, noColumn.stderr.trim()]).toEqual([2, 'pitstop: REFERENCE_DATA_INVALID: --label-column: there is no column "outcome"; the columns are prediction_id, label']);
    expect(await stores.labels.countLabels({ model: 'iris' })).toBe(0);
  });
});
