/** A full disk in small (tests/proof/disk-full.ts; `npm run proof` runs more rounds). */
import { describe, expect, it } from 'vitest';
import { readsAsDiskFull, runDiskFull } from './disk-full';

describe('a full disk', () => {
  it('refuses writes in one line with nothing changed, keeps reads and counting, and verifies once room is back', async () => {
    const counts = await runDiskFull({ rounds: 2 });
    expect(counts.detail).toEqual([]);
    expect(counts.trials).toBeGreaterThan(0);
    expect({ ...counts, detail: undefined, trials: undefined, tmpfs: undefined }).toMatchObject({
      lostWrites: 0,
      changedOnRefusal: 0,
      unreadableMessages: 0,
      brokenReads: 0,
      uncountedGuesses: 0,
      unverified: 0,
    });
  }, 120_000);

  it('tells a readable full-disk line from a raw one', () => {
    expect(readsAsDiskFull('The disk holding the vault is full (8 KB free); nothing was changed. Free some space and try again.')).toBe(true);
    expect(readsAsDiskFull('SqliteError: database or disk is full')).toBe(false);
    expect(readsAsDiskFull('Something went wrong inside Registre. The details are in the log.')).toBe(false);
    expect(readsAsDiskFull('ENOSPC: no space left on device, write')).toBe(false);
  });
});
