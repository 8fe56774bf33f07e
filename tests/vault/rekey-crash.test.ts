/**
 * Rekey killed mid-way (issues 2 and 12): the proof of tests/proof/rekey-kills.ts at a
 * small size. The child is killed at every named step of the rekey, twice each (in a first
 * rekey and in one that follows a finished one), and at random moments.
 */
import { describe, expect, it } from 'vitest';
import { REKEY_STEPS, rekeyFailures, runRekeyKills } from '../proof/rekey-kills';

describe('rekey killed by SIGKILL', () => {
  it('at every step and at random, a key a person holds opens the file and the log names every rekey that took effect', async () => {
    const counts = await runRekeyKills({ perStep: 2, random: 6, contacts: 600 });
    console.log(
      `rekey kills: ${counts.kills} kills in ${counts.runs} runs (one rekey ${counts.rekeyMs.toFixed(1)} ms); ` +
        `old key ${counts.oldKey}, new key ${counts.newKey}; lost keys ${counts.lostKeys}, missing events ${counts.missingEvents}`,
    );
    expect(counts.problems).toEqual([]);
    expect(counts.stepsSeen).toEqual([...REKEY_STEPS]);
    expect(rekeyFailures(counts)).toEqual({});
    // Every step kill happened, and kills landed on both sides of the switch.
    expect(counts.kills).toBeGreaterThanOrEqual(2 * REKEY_STEPS.length);
    expect(counts.oldKey).toBeGreaterThan(0);
    expect(counts.newKey).toBeGreaterThan(0);
  }, 300_000);
});
