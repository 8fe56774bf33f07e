import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { RegistreCore } from '../../db/core';
import { call, tempDir } from '../helpers';
import { makeTestBackup } from '../backup/make-test-backup';
import { hashes } from '../vault/vault-files';
import { CLI_ENV, cliVault } from './run-cli';

/** A backup of the CLI's vault, taken in this process (the backup command lands separately). */
async function backupOf(vault: string): Promise<string> {
  const core = new RegistreCore({ vaultDir: vault, allowFolderChange: false });
  await call(core, 'vault.unlock', { passphrase: CLI_ENV.REGISTRE_PASSPHRASE });
  try {
    return await makeTestBackup(core, tempDir('registre-backups-'));
  } finally {
    await core.lock();
  }
}

describe('registre restore and registre integrity', () => {
  it('restores a backup, says which erasure it re-applied, and the vault passes its integrity checks', async () => {
    const { vault, run, json } = cliVault();
    const ana = JSON.parse(run('contacts', 'add', '--json', JSON.stringify({ fullName: 'Ana Ruiz' })).stdout) as { id: string };
    expect(run('contacts', 'add', '--json', JSON.stringify({ fullName: 'Ben Okafor' })).code).toBe(0);
    const backup = await backupOf(vault);
    const erased = json<{ erasureId: string }>('erase', '--contact', ana.id, '--reason', 'Art. 17 request');

    const text = run('restore', backup);
    expect(text.stderr).toBe('');
    expect(text.code).toBe(0);
    expect(text.stdout).toContain('Re-applied 1 erasure made since the backup:');
    expect(text.stdout).toContain(erased.erasureId);
    expect(text.stdout).toMatch(/kept as registre\.db\.before-restore-\d{8}-\d{6}Z/);
    const list = run('contacts', 'list');
    expect(list.stdout).toContain('Ben Okafor');
    expect(list.stdout).not.toContain('Ana Ruiz');

    const report = json<{ ok: boolean; checks: Array<{ name: string; ok: boolean }> }>('integrity');
    expect(report.ok).toBe(true);
    const ok = run('integrity');
    expect(ok.code).toBe(0);
    expect(ok.stdout).toContain('Integrity checks passed');

    // The same backup again: the erasure is still re-applied (the ledger beside the vault keeps it).
    const again = json<{ reapplied: Array<{ erasure: string }> }>('restore', backup);
    expect(again.reapplied.map((r) => r.erasure)).toEqual([erased.erasureId]);
  });

  it('refuses a damaged backup with its message, exit 2, and the vault unchanged', async () => {
    const { vault, run } = cliVault();
    const backup = await backupOf(vault);
    const db = readFileSync(join(backup, 'registre.db'));
    db[Math.floor(db.length / 2)]! ^= 0xff;
    writeFileSync(join(backup, 'registre.db'), db);
    const before = hashes(vault, ['registre.db', 'registre.keys']);
    const r = run('restore', backup);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/registre\.db is damaged.*Nothing was replaced/);
    expect(hashes(vault, ['registre.db', 'registre.keys'])).toEqual(before);
    expect(run('restore').code).toBe(2);
  });

  it('exits 1 with one line per failed check when the audit log was altered', async () => {
    const { vault, run } = cliVault();
    const core = new RegistreCore({ vaultDir: vault, allowFolderChange: false });
    await call(core, 'vault.unlock', { passphrase: CLI_ENV.REGISTRE_PASSPHRASE });
    const raw = core.context().vault.raw;
    raw.exec('DROP TRIGGER audit_events_no_update');
    raw.prepare(`UPDATE audit_events SET fields = '["x"]' WHERE seq = 1`).run();
    await core.lock();
    const r = run('integrity');
    expect(r.code).toBe(1);
    expect(r.stdout.trim().split('\n')).toEqual([expect.stringMatching(/^FAILED audit_chain: event 1: its content was altered$/)]);
  });
});
