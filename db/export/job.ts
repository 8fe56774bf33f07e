/**
 * The running export, kept on the core so that `exports.progress` and `exports.cancel`
 * (both unqueued) can answer while it runs. Export loops call `tick` per row: every
 * ROWS_PER_TICK rows it yields to the event loop (better-sqlite3 is synchronous; without
 * the yield no progress call could be served) and throws `ExportCancelled` once a cancel
 * was asked for, so the writer can remove its temporary file.
 */
import type { ExportProgressDto } from '../../shared/dto-exports';

const ROWS_PER_TICK = 1000;
const DONE = Promise.resolve();

export class ExportCancelled extends Error {
  constructor() {
    super('The export was cancelled.');
    this.name = 'ExportCancelled';
  }
}

export class ExportJob {
  private kind: ExportProgressDto['kind'] = null;
  private label: string | null = null;
  private done = 0;
  private total = 0;
  private sinceYield = 0;
  private cancelRequested = false;

  snapshot(): ExportProgressDto {
    return { running: this.kind !== null, kind: this.kind, label: this.label, done: this.done, total: this.total, cancelling: this.cancelRequested };
  }

  /**
   * Starts a job; the core's call queue guarantees one export at a time. Every export
   * calls it as its very first step, before any await: from then on a cancel is
   * answered `cancelling: true` and honoured, even one that arrives while the export
   * is still counting its rows or checking its input.
   */
  begin(kind: NonNullable<ExportProgressDto['kind']>, label: string, total = 0): void {
    this.kind = kind;
    this.label = label;
    this.done = 0;
    this.total = total;
    this.sinceYield = 0;
    this.cancelRequested = false;
  }

  /** The progress bar's total, once the export has counted it. */
  setTotal(total: number): void {
    this.total = total;
  }

  /** A new stage of the same job (a bundle's next section), with its own count. */
  stage(label: string, total = 0): void {
    this.label = label;
    this.done = 0;
    this.total = total;
  }

  /**
   * Returns true when an export was running and will stop at its next tick. With none
   * running it answers false and remembers nothing, so a stray cancel never stops the
   * next export (an export call still waiting behind another call has not begun).
   */
  cancel(): boolean {
    if (this.kind === null) return false;
    this.cancelRequested = true;
    return true;
  }

  /** Throws ExportCancelled when a cancel is pending. */
  checkCancelled(): void {
    if (this.cancelRequested) throw new ExportCancelled();
  }

  /**
   * Counts `rows` more as done. Not async: most ticks must cost no more than a resolved
   * promise; every ROWS_PER_TICK rows it lets pending calls run and checks for a cancel.
   */
  tick(rows = 1): Promise<void> {
    this.done += rows;
    this.sinceYield += rows;
    if (this.sinceYield < ROWS_PER_TICK) return DONE;
    this.sinceYield = 0;
    return new Promise<void>((resolve, reject) =>
      setImmediate(() => {
        if (this.cancelRequested) reject(new ExportCancelled());
        else resolve();
      }),
    );
  }

  end(): void {
    this.kind = null;
    this.label = null;
    this.done = 0;
    this.total = 0;
    this.cancelRequested = false;
  }
}

/**
 * Runs one export as the core's job: a cancel (ExportCancelled, thrown once the writer has
 * removed its temporary file) becomes `cancelled()`, and the job always ends.
 */
export async function runExportJob<T>(job: ExportJob, run: () => Promise<T>, cancelled: () => T): Promise<T> {
  try {
    return await run();
  } catch (e) {
    if (e instanceof ExportCancelled) return cancelled();
    throw e;
  } finally {
    job.end();
  }
}
