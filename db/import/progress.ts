/**
 * How far the running import has got, kept in memory on the core so that a
 * `contacts.importProgress` call can answer while the import runs. The import loops yield
 * to the event loop between chunks (`tick`), which is what lets that call be served at all:
 * better-sqlite3 is synchronous, so an import that never yields blocks every other request.
 */
import type { ImportProgressDto } from '../../shared/dto/index';

type Phase = NonNullable<ImportProgressDto['phase']>;

/**
 * Units (rows, or bytes while reading) handled between two yields: small enough for a
 * smooth bar, large enough to cost nothing. Reading ticks per 256 KB slice, so it yields
 * at every slice.
 */
const ROWS_PER_TICK = 2000;

const DONE = Promise.resolve();

export class ImportProgress {
  private phase: Phase | null = null;
  private done = 0;
  private total = 0;
  private sinceYield = 0;

  snapshot(): ImportProgressDto {
    return { running: this.phase !== null, phase: this.phase, done: this.done, total: this.total };
  }

  begin(phase: Phase, total: number): void {
    this.phase = phase;
    this.done = 0;
    this.total = total;
    this.sinceYield = 0;
  }

  /**
   * Counts `rows` more as done; every ROWS_PER_TICK rows, and when the phase is complete
   * (what follows it, such as the final COMMIT, may take a while), lets pending I/O (a
   * progress call) run. Not async: most ticks must cost no more than a resolved promise.
   */
  tick(rows = 1): Promise<void> {
    this.done += rows;
    return this.breathe(rows, this.done === this.total);
  }

  /**
   * Lets pending I/O run every ROWS_PER_TICK rows, without counting them as done: the
   * plan's second pass goes over rows its first pass counted.
   */
  breathe(rows = 1, now = false): Promise<void> {
    this.sinceYield += rows;
    if (this.sinceYield < ROWS_PER_TICK && !now) return DONE;
    this.sinceYield = 0;
    return new Promise<void>((resolve) => setImmediate(resolve));
  }

  end(): void {
    this.phase = null;
    this.done = 0;
    this.total = 0;
  }
}
