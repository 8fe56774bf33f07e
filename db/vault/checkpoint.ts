/**
 * Emptying the WAL into the database file. Until a checkpoint, the WAL keeps the old
 * version of every page a transaction changed: after an erasure those frames still hold
 * the erased values (DESIGN §4, checked on this machine). TRUNCATE copies every frame
 * back and cuts the WAL to zero bytes, so no old frame is left to read.
 */
import type { RawDb } from './open-db';

export function truncateWal(raw: RawDb): void {
  if (raw.inTransaction) throw new Error('the WAL is checkpointed after the transaction, never inside it');
  const [result] = raw.pragma('wal_checkpoint(TRUNCATE)') as Array<{ busy: number; log: number; checkpointed: number }>;
  // One connection holds the vault (the single-writer lock): busy means a reader of this
  // very connection is still open, and the old frames would stay.
  if (!result || result.busy !== 0 || result.log !== 0) throw new Error(`the WAL was not emptied (${JSON.stringify(result)})`);
}
