import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { tempDir } from '../../test/fixtures/test-databases.js';
import { openMetadataStore, type PredictionLogStore, type PredictionRecord } from '../store/index.js';
import { PredictionJournal, readJournal } from './prediction-journal.js';
import { PredictionLog } from './prediction-log.js';

let counter = 0;
function prediction(): PredictionRecord {
  const id = `01J${String(++counter).padStart(23, '0')}`;
  return { id, at: new Date().toISOString(), model: 'm', version: 1, packageDigest: 'd'.repeat(64), caller: null, requestId: null, route: 'primary', input: { x: counter }, output: { value: counter }, latencyMs: 1 };
}

/** A store whose database is "down" until `up` is set: it refuses writes the way an unreachable database does. */
function flakyStore(real: PredictionLogStore) {
  const state = { up: false, attempts: 0 };
  const store: PredictionLogStore = {
    ...real,
    insertPredictions: async (records) => {
      state.attempts++;
      if (!state.up) throw new Error('connect ECONNREFUSED 127.0.0.1:5432');
      return real.insertPredictions(records);
    },
    getPrediction: (id) => real.getPrediction(id),
    listPredictions: (q) => real.listPredictions(q),
    countPredictions: (q) => real.countPredictions(q),
  };
  return { store, state };
}

describe('the prediction log', () => {
  it('journals each prediction before returning, and writes it to the database on flush', async () => {
    const home = await tempDir();
    const db = await openMetadataStore(`sqlite:${path.join(home, 'p.db')}`);
    const log = new PredictionLog(db.predictions, { spoolDirectory: path.join(home, 'spool') });
    const records = [prediction(), prediction()];
    log.record(records);
    const journaled = fs.readdirSync(path.join(home, 'spool')).flatMap((f) => readJournal(path.join(home, 'spool', f)));
    expect(journaled.map((r) => r.id)).toEqual(records.map((r) => r.id));
    await log.flush();
    expect((await db.predictions.listPredictions()).map((r) => r.id)).toEqual(records.map((r) => r.id));
    expect(fs.readdirSync(path.join(home, 'spool'))).toEqual([]);
    await log.close();
    await db.close();
  });

  it('journals the durable records of one event-loop turn in one write, before any of their callers resumes', async () => {
    const home = await tempDir();
    const db = await openMetadataStore(`sqlite:${path.join(home, 'p.db')}`);
    const log = new PredictionLog(db.predictions, { spoolDirectory: path.join(home, 'spool') });
    const writes: number[] = [];
    const realWrite = fs.writeSync;
    const spy = ((fd: number, data: string) => {
      writes.push(data.split('\n').filter(Boolean).length);
      return (realWrite as (fd: number, data: string) => number)(fd, data);
    }) as typeof fs.writeSync;
    fs.writeSync = spy;
    const journaled = () => fs.readdirSync(path.join(home, 'spool')).flatMap((f) => readJournal(path.join(home, 'spool', f))).map((r) => r.id);
    try {
      const batches = [[prediction()], [prediction(), prediction()], [prediction()]];
      const seen = await Promise.all(batches.map((records) => log.recordDurably(records).then(journaled)));
      for (const ids of seen) expect(ids).toEqual(batches.flat().map((r) => r.id));
      expect(writes).toEqual([4]);
    } finally {
      fs.writeSync = realWrite;
    }
    await log.close();
    expect(await db.predictions.countPredictions({})).toBe(4);
    await db.close();
  });

  it('keeps journals on disk while the database is down and writes them, once, when it returns', async () => {
    const home = await tempDir();
    const db = await openMetadataStore(`sqlite:${path.join(home, 'p.db')}`);
    const { store, state } = flakyStore(db.predictions);
    const errors: unknown[] = [];
    const log = new PredictionLog(store, { spoolDirectory: path.join(home, 'spool'), onError: (e) => errors.push(e) });
    const written = Array.from({ length: 30 }, prediction);
    for (const r of written) log.record([r]);
    await log.flush();
    await log.flush();
    expect(errors.length).toBeGreaterThan(0);
    expect(log.consecutiveFailures).toBeGreaterThan(0);
    expect(await db.predictions.countPredictions()).toBe(0);
    state.up = true;
    await log.flush();
    expect((await db.predictions.listPredictions()).map((r) => r.id)).toEqual(written.map((r) => r.id));
    expect(log.consecutiveFailures).toBe(0);
    await log.close();
    await db.close();
  });

  it('replays the journal of a process that died before flushing, without duplicates', async () => {
    const home = await tempDir();
    const spool = path.join(home, 'spool');
    const db = await openMetadataStore(`sqlite:${path.join(home, 'p.db')}`);
    const lost = [prediction(), prediction(), prediction()];
    // A journal left by a dead process (pid 2^22 + 1 is above Linux's default pid_max), with a torn last line.
    fs.mkdirSync(spool, { recursive: true });
    fs.writeFileSync(path.join(spool, `journal-${2 ** 22 + 1}-1-1.jsonl`), lost.map((r) => JSON.stringify(r)).join('\n') + '\n{"id":"torn');
    await db.predictions.insertPredictions([lost[0]!]);
    const log = new PredictionLog(db.predictions, { spoolDirectory: spool });
    await log.flush();
    expect((await db.predictions.listPredictions()).map((r) => r.id)).toEqual(lost.map((r) => r.id));
    expect(fs.readdirSync(spool)).toEqual([]);
    await log.close();
    await db.close();
  });

  it('leaves the journal of a live process alone', async () => {
    const home = await tempDir();
    const journal = new PredictionJournal(path.join(home, 'spool'));
    fs.writeFileSync(path.join(home, 'spool', `journal-1-1-1.jsonl`), '');
    journal.append([prediction()]);
    // pid 1 is alive; this process's open file is still being written.
    expect(journal.orphans()).toEqual([]);
    journal.close();
  });
});
