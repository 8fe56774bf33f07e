/** The vault's part of the API contract: create, unlock, recover, lock, rekey, and one's own passphrase. */
import { z } from 'zod';
import type { IntegrityReportDto, RestoreReportDto } from '../dto/backup';
import type { CreatedVaultDto, RecoveryDto, SessionDto, VaultInfoDto, VaultStatusDto } from '../dto/index';
import { empty, id, passphrase, staffName, text } from './fields';
import { method, returns, type AnyEntry } from './method';

export const vaultContract = {
  'vault.status': method({ access: 'public', output: returns<VaultStatusDto>(), input: empty }),
  'vault.create': method({
    access: 'public',
    output: returns<CreatedVaultDto>(),
    changesSession: true,
    input: z.object({ passphrase, staffName, dir: text().min(1).max(4096).optional() }).strict(),
  }),
  'vault.selectFolder': method({ access: 'public', output: returns<VaultStatusDto>(), changesSession: true, input: z.object({ dir: text().min(1).max(4096) }).strict() }),
  'vault.unlock': method({ access: 'public', output: returns<SessionDto>(), changesSession: true, input: z.object({ passphrase }).strict() }),
  /**
   * Signs in to look only: with no folder, this vault; with a backup's folder, that copy
   * (its own key file opens it, and its file is never written). Every write is refused
   * until the lock, and every view is logged (a backup's in review-log.jsonl beside it).
   */
  'vault.openReadOnly': method({
    access: 'public',
    output: returns<SessionDto>(),
    changesSession: true,
    input: z.object({ folder: text().min(1).max(4096).optional(), passphrase }).strict(),
  }),
  'vault.recover': method({ access: 'public', output: returns<RecoveryDto>(), changesSession: true, input: z.object({ recoveryKey: text().min(1).max(200) }).strict() }),
  'vault.completeRecovery': method({
    access: 'recovering',
    output: returns<SessionDto>(),
    changesSession: true,
    input: z.object({ staffId: id, newPassphrase: passphrase }).strict(),
  }),
  'vault.lock': method({ access: 'public', output: returns<VaultStatusDto>(), changesSession: true, input: empty }),
  'vault.touch': method({ access: 'self', output: returns<null>(), changesNothing: true, input: empty }),
  /**
   * Replaces the locked vault with a verified backup, keeping the old files aside, and
   * erases again everyone erased since the backup; the passphrase opens the backup's key file.
   */
  'vault.restore': method({ access: 'public', output: returns<RestoreReportDto>(), input: z.object({ folder: text().min(1).max(4096), passphrase }).strict() }),
  /** Every integrity check of the open vault: pages, SQLite, foreign keys, the audit chain, orphans, erased people absent. */
  'vault.integrity': method({ access: 'read', output: returns<IntegrityReportDto>(), subject: null, input: empty }),
  'vault.info': method({ access: 'read', output: returns<VaultInfoDto>(), subject: null, input: empty }),
  /** The new recovery key, shown before the switch; the file stays under the old key until `vault.rekeyCommit`. */
  'vault.rekeyPrepare': method({ access: 'admin', output: returns<{ recoveryKey: string }>(), input: empty }),
  /** Switches to the prepared key once the person has typed it back. */
  'vault.rekeyCommit': method({ access: 'admin', output: returns<null>(), input: z.object({ recoveryKey: text().min(1).max(200) }).strict() }),
  /** Forgets a prepared key that was not confirmed; the vault stays under its current key. */
  'vault.rekeyCancel': method({ access: 'admin', output: returns<null>(), input: empty }),
  'session.changePassphrase': method({
    access: 'self',
    output: returns<null>(),
    input: z.object({ current: passphrase, next: passphrase }).strict(),
  }),
} as const satisfies Record<string, AnyEntry>;
