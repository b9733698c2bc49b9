// The write-ahead journal of answered predictions (and decisions): a JSONL file appended before each answer is sent,
// so a record survives kill -9 and database outages. Files are deleted once their records are in the database.
import fs from 'node:fs';
import path from 'node:path';
import type { PredictionRecord } from '../store/index.js';

const FILE_PATTERN = /^journal-(\d+)-(\d+)-(\d+)\.jsonl$/;

export class PredictionJournal<T = PredictionRecord> {
  private fd: number | null = null;
  private file = '';
  private sequence = 0;

  constructor(private readonly directory: string) {
    fs.mkdirSync(directory, { recursive: true });
  }

  /** Appends records synchronously: when this returns, the records are in the OS page cache and survive a process crash. */
  append(records: readonly T[]): void {
    if (this.fd === null) this.open();
    fs.writeSync(this.fd!, records.map((r) => JSON.stringify(r)).join('\n') + '\n');
  }

  /** Closes the current file and starts a new one; returns the closed file (whose records the caller now owns). */
  rotate(): string | null {
    if (this.fd === null) return null;
    fs.closeSync(this.fd);
    const closed = this.file;
    this.fd = null;
    this.file = '';
    return closed;
  }

  close(): void {
    this.rotate();
  }

  /** Journal files that belong to no live writer: this process's closed files and files of processes that died. */
  orphans(): string[] {
    return fs
      .readdirSync(this.directory)
      .filter((name) => {
        const match = FILE_PATTERN.exec(name);
        if (!match || path.join(this.directory, name) === this.file) return false;
        const pid = Number(match[1]);
        return pid === process.pid || !processAlive(pid);
      })
      .sort()
      .map((name) => path.join(this.directory, name));
  }

  private open(): void {
    this.file = path.join(this.directory, `journal-${process.pid}-${Date.now()}-${++this.sequence}.jsonl`);
    this.fd = fs.openSync(this.file, 'a');
  }
}

/** Reads a journal file; a torn last line (the process died mid-write) is ignored. */
export function readJournal<T = PredictionRecord>(file: string): T[] {
  const records: T[] = [];
  for (const line of fs.readFileSync(file, 'utf8').split('\n')) {
    if (!line) continue;
    try {
      records.push(JSON.parse(line) as T);
    } catch {
      // Only the last line can be torn; every complete line was written whole.
    }
  }
  return records;
}

function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
