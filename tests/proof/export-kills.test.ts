/**
 * The export kill proof (tests/proof/export-kills.ts) at npm-test size: a register, a
 * subject bundle and the newsletter list, each killed once at every named step of the
 * export and at a few random moments. `npm run proof` runs it with hundreds of kills.
 */
import { describe, expect, it } from 'vitest';
import { runExportKills } from './export-kills';

describe('exports killed by SIGKILL', () => {
  it('leave no plaintext, no manifest without its data, and an audit event exactly when both files arrived', async () => {
    const counts = await runExportKills({ perStep: 1, random: 3, contacts: 2500, subscribers: 150 });
    console.log(`export kills: ${JSON.stringify(counts)}`);
    // Every named step of the three kinds was hit (9 + 7 + 9), plus the random kills that landed before the export ended.
    expect(counts.kills).toBeGreaterThanOrEqual(25);
    expect(counts).toMatchObject({ plaintextLeftovers: 0, orphanManifests: 0, auditedButMissing: 0, deliveredButUnaudited: 0 });
    // Kills after the data file arrived (data-in-place, and audited for a foreseen append cut short) were settled at unlock.
    expect(counts.settledAtUnlock).toBeGreaterThanOrEqual(3);
  }, 300_000);
});
