/** Restore killed mid-way (issue 15): the proof of tests/proof/restore-kills.ts at a small size. */
import { describe, expect, it } from 'vitest';
import { RESTORE_STEPS, restoreFailures, runRestoreKills } from '../proof/restore-kills';

describe('restore killed by SIGKILL', () => {
  it('at every step and at random, the folder opens as the old vault or the restored one, whole, and the erased person stays erased', async () => {
    const counts = await runRestoreKills({ perStep: 1, random: 4, contacts: 100 });
    console.log(`restore kills: ${counts.kills} kills in ${counts.runs} runs; old vault ${counts.old}, restored ${counts.restored}`);
    expect(counts.problems).toEqual([]);
    expect(restoreFailures(counts)).toBe(0);
    expect(counts.kills).toBeGreaterThanOrEqual(RESTORE_STEPS.length);
    expect(counts.old).toBeGreaterThan(0);
    expect(counts.restored).toBeGreaterThan(0);
  }, 120_000);
});
