/**
 * The running export, kept on the core so that `exports.progress` and `exports.cancel`
 * (both unqueued) can answer while it runs. Export loops call `tick` per row: every
 * ROWS_PER_TICK rows it yields to the event loop (better-sqlite3 is synchronous; without
 * the yield no progress call could be served) and throws `ExportCancelled` once a cancel
 * was asked for, so the writer can remove its temporary file.
 */
import type { ExportProgressDto } from '../../shared/dto/exports';
import type { Placement } from './output-file';

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
  /** Export calls accepted by the core but not yet settled (queued behind another call, or running). */
  private waiting = 0;
  /** A cancel that came while an export call was still queued: the next export to begin takes it. */
  private cancelBeforeBegin = false;
  private placed: Placement = 'replace';

  /** How this core's exports put their files in place (output-file.ts `Placement`). */
  get placement(): Placement {
    return this.placed;
  }

  /**
   * From now on this core's exports never write over a file: for a bridge whose paths no
   * dialog confirmed (the preview), where a name checked free may be taken before the export
   * ends. The desktop's save dialog asked the person, so it keeps replacing.
   */
  refuseOverwrites(): void {
    this.placed = 'no-overwrite';
  }

  snapshot(): ExportProgressDto {
    return { running: this.kind !== null, kind: this.kind, label: this.label, done: this.done, total: this.total, cancelling: this.cancelRequested || this.cancelBeforeBegin };
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
    this.cancelRequested = this.cancelBeforeBegin;
    this.cancelBeforeBegin = false;
  }

  /** The core accepted an export call (it may wait in the queue before it begins). */
  accepted(): void {
    this.waiting += 1;
  }

  /** That call is over, whatever its outcome; a cancel meant for it never reaches a later one. */
  settled(): void {
    this.waiting = Math.max(0, this.waiting - 1);
    if (this.waiting === 0) this.cancelBeforeBegin = false;
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
   * Returns true when an export is running, or an export call is waiting behind another
   * call (it will stop as soon as it begins). With no export call at all it answers false
   * and remembers nothing, so a stray cancel never stops a later export.
   */
  cancel(): boolean {
    if (this.kind !== null) {
      this.cancelRequested = true;
      return true;
    }
    if (this.waiting === 0) return false;
    this.cancelBeforeBegin = true;
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
