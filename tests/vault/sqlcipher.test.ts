/**
 * No lock-in (issue 2): the real `sqlcipher` shell opens a locked vault with nothing but
 * the lines `sqlcipherPragmas` prints for the recovery key, before and after a rekey.
 * The shell must be SQLCipher 4 (Debian bookworm's own package is 3.4 and cannot read the
 * format; .ci/run installs 4.x from bookworm-backports). The test fails, never skips,
 * when it is missing. REGISTRE_SQLCIPHER overrides the binary's path.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { decodeRecoveryKey, sqlcipherPragmas } from '../../db/vault/recovery-key';
import { call, createdVault } from '../helpers';
import { rekeyed } from './rekeyed';

const SQLCIPHER = process.env.REGISTRE_SQLCIPHER ?? '/usr/bin/sqlcipher';

function shell(db: string, script: string): { status: number | null; stdout: string; stderr: string } {
  const r = spawnSync(SQLCIPHER, ['-bail', db], { input: script, encoding: 'utf8' });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

function requireSqlcipher4(): void {
  expect(existsSync(SQLCIPHER), `${SQLCIPHER} is missing: apt-get install -t bookworm-backports sqlcipher`).toBe(true);
  const version = execFileSync(SQLCIPHER, [':memory:'], { input: 'PRAGMA cipher_version;\n', encoding: 'utf8' }).trim();
  expect(version, `${SQLCIPHER} is SQLCipher ${version}; SQLCipher 4 is needed to read the vault format`).toMatch(/^4\./);
}

describe('the vault in the sqlcipher shell', () => {
  it('opens with the recovery key’s pragmas and reads the staff table, before and after a rekey', async () => {
    requireSqlcipher4();
    const { core, recoveryKey } = await createdVault();
    await call(core, 'staff.add', { name: 'Bea Staff', role: 'staff', passphrase: 'bea has her own passphrase' });
    await call(core, 'staff.add', { name: 'Carl Auditor', role: 'auditor', passphrase: 'carl has his own passphrase' });
    await call(core, 'vault.lock', {});
    const db = join(core.vaultDir, 'registre.db');

    const count = (key: string) => shell(db, `${sqlcipherPragmas(decodeRecoveryKey(key))}\nSELECT count(*) FROM staff;\nPRAGMA integrity_check;\n`);
    const before = count(recoveryKey);
    expect(before.status, before.stderr).toBe(0);
    expect(before.stdout.trim().split('\n').slice(-2)).toEqual(['3', 'ok']);

    await call(core, 'vault.unlock', { passphrase: 'correct horse battery staple' });
    const fresh = await rekeyed(core);
    await call(core, 'vault.lock', {});
    const after = count(fresh);
    expect(after.status, after.stderr).toBe(0);
    expect(after.stdout.trim().split('\n').slice(-2)).toEqual(['3', 'ok']);

    // The retired key no longer reads the file: the shell really decrypts, it does not guess.
    const stale = count(recoveryKey);
    expect(stale.status).not.toBe(0);
    expect(stale.stderr).toMatch(/not a database/);
  });
});
