/**
 * The backup kill proof (tests/proof/backup-kills.ts) at npm-test size: a backup killed once
 * at every named step and at a few random moments. `npm run proof` runs it with 60 kills.
 */
import { describe, expect, it } from 'vitest';
import { BACKUP_STEPS, runBackupKills } from './backup-kills';

describe('backups killed by SIGKILL', () => {
  it('leave the vault whole and never a half-written folder listed as a backup', async () => {
    const counts = await runBackupKills({ perStep: 1, random: 3, contacts: 1500 });
    console.log(`backup kills: ${JSON.stringify(counts)}`);
    expect(counts.kills).toBeGreaterThanOrEqual(BACKUP_STEPS.length);
    expect(counts).toMatchObject({ vaultDamaged: 0, listedButBroken: 0, auditedButMissing: 0, problems: [] });
    // Killed after the manifest, before the rename: a .partial stays, never listed.
    expect(counts.partialsLeft).toBeGreaterThanOrEqual(1);
  }, 60_000);
});
