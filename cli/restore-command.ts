/** `registre restore` and `registre integrity` (issue 15, shared/api/vault.ts). */
import { resolve } from 'node:path';
import { RegistreCore, defaultVaultDir } from '../db/index';
import type { IntegrityReportDto } from '../shared/dto/backup';
import { RegistreError } from '../shared/errors';
import { makeOut } from './output';
import { call, common, passphrase, refuseReadOnly, str, withVault, type Command } from './kit';

/** One line per failed check, with what it found (ids, tables and page numbers only). */
const failedLines = (r: IntegrityReportDto) => r.checks.filter((c) => !c.ok).map((c) => `FAILED ${c.name}: ${c.problems.join('; ') || 'no detail'}`);

export const restoreCommands: Record<string, Command> = {
  restore: {
    options: common,
    async run(v, [folder]) {
      refuseReadOnly(v);
      if (!folder) throw new RegistreError('invalid_input', 'Give the backup folder to restore (registre-backup-…).');
      const out = makeOut(v.json === true);
      // The vault stays locked: the restore replaces its files, and this process holds its lock meanwhile.
      const core = new RegistreCore({ vaultDir: str(v.vault) ?? defaultVaultDir(), allowFolderChange: false });
      const report = await call(core, 'vault.restore', { folder: resolve(folder), passphrase: passphrase(v) });
      out.result(report, () =>
        [
          `Restored ${report.backup} (taken ${report.createdAt}) into ${core.vaultDir}.`,
          `The replaced vault is kept as ${report.keptAsideAs.db} and ${report.keptAsideAs.keys}.`,
          report.reapplied.length === 0
            ? 'No erasure was made since the backup: none to re-apply.'
            : `Re-applied ${report.reapplied.length} erasure${report.reapplied.length === 1 ? '' : 's'} made since the backup:`,
          ...report.reapplied.map((r) => `  ${r.erasure}  ${r.kind === 'anonymised' ? 'anonymised' : 'erased'} on ${r.on}`),
          report.integrity.ok ? 'Integrity checks: all passed.' : failedLines(report.integrity).join('\n'),
        ].join('\n'),
      );
      return report.integrity.ok ? 0 : 1;
    },
  },

  integrity: {
    options: common,
    run: (v) =>
      withVault(v, async (core, out) => {
        const r = await call(core, 'vault.integrity', {});
        out.result(r, () => (r.ok ? `Integrity checks passed: ${r.checks.map((c) => c.name).join(', ')}.` : failedLines(r).join('\n')));
        return r.ok ? 0 : 1;
      }),
  },
};

export const restoreUsage = `
Backups
  restore FOLDER                      Restore a backup folder into the (locked) vault: verified first
                                      (hashes, key, integrity checks, schema), the replaced vault
                                      kept aside as registre.db.before-restore-<UTC stamp>, and every
                                      erasure made since the backup re-applied (listed)
  integrity                           Check the vault: page HMACs, SQLite integrity and foreign keys,
                                      the audit chain, orphan rows, erased people absent. Exit 1
                                      with one line per failed check
`;
