// Verifies every archived version on a schedule inside `pitstop serve`; each result is recorded by VersionArchive,
// a failure also as an `archive.verification_failed` audit event. `pitstop archive verify` runs the same check once.
import type { ArchiveVerification } from '../store/index.js';
import type { VersionArchive } from './version-archive.js';

export interface VerificationLogger {
  info(details: object, message: string): void;
  error(details: object, message: string): void;
}

export class ArchiveVerificationJob {
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<ArchiveVerification[]> | null = null;

  constructor(private readonly archive: VersionArchive, private readonly logger: VerificationLogger, private readonly actor = 'archive-verifier') {}

  /** One pass over the archive; concurrent callers share it. */
  runOnce(): Promise<ArchiveVerification[]> {
    this.running ??= this.archive
      .verifyAll(this.actor)
      .then((results) => {
        const failed = results.filter((r) => !r.ok);
        if (failed.length > 0) this.logger.error({ failed: failed.map((f) => ({ model: f.model, version: f.version, problems: f.problems })) }, 'archived versions failed verification');
        else this.logger.info({ verified: results.length }, 'archive verified');
        return results;
      })
      .finally(() => (this.running = null));
    return this.running;
  }

  /** Verifies every intervalMs while `mayRun` says so (e.g. while this replica holds the background lease). */
  start(intervalMs: number, mayRun: () => boolean = () => true): void {
    this.timer ??= setInterval(() => {
      if (mayRun()) void this.runOnce().catch((error: unknown) => this.logger.error({ err: error }, 'archive verification failed to run'));
    }, intervalMs);
    this.timer.unref();
  }

  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    await this.running?.catch(() => undefined);
  }
}
