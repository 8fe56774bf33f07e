/** `registre backup` and `registre backups list`: the vault's encrypted backups (README "Backups"). */
import type { BackupRegisterDto } from '../shared/dto/backup';
import { RegistreError } from '../shared/errors';
import { call, common, str, withVault, type Command, type Values } from './kit';

const mb = (bytes: number) => `${(bytes / 1_000_000).toFixed(1)} MB`;

function registerText(r: BackupRegisterDto): string {
  const due = r.overdueReason === 'no_folder' ? 'no backups folder is set' : r.overdue ? 'a backup is overdue' : `next due on ${r.nextDueOn}`;
  return [
    `Folder:       ${r.folder ?? '(none)'}   (every ${r.everyDays} days, keep ${r.keep})`,
    `Last backup:  ${r.lastBackupAt ?? '(none)'}; ${due}`,
    ...(r.scheduledFailure ? [`Last scheduled backup failed on ${r.scheduledFailure.at}: ${r.scheduledFailure.message}`] : []),
    ...r.items.map((b) => `${b.path}  ${b.createdAt}  ${mb(b.bytes)}  erased since: ${b.erasedSince}  kept until about ${b.keptUntil ?? '?'}`),
    ...r.deleted.map((d) => `deleted by Registre on ${d.deletedAt} (${d.reason}): ${d.folder}/${d.name}`),
  ].join('\n');
}

export const backupCommands: Record<string, Command> = {
  backup: {
    options: { ...common, out: { type: 'string' } },
    run: (v: Values, positionals) => {
      if (positionals.length) throw new RegistreError('invalid_input', `Unknown command "backup ${positionals[0]}". Run registre --help.`);
      return withVault(v, async (core, out) => {
        const made = await call(core, 'backups.make', { folder: str(v.out) });
        out.result(made, () => made.path);
        return 0;
      });
    },
  },
  'backups list': {
    options: common,
    run: (v: Values) =>
      withVault(v, async (core, out) => {
        const r = await call(core, 'backups.list', {});
        out.result(r, () => registerText(r));
        return 0;
      }),
  },
};

export const backupUsage = `  backup [--out DIR]                  Back the vault up into a new folder in DIR (default: the backups folder
                                      set in Settings); prints its path. Encrypted with the vault's own key:
                                      the same passphrases and recovery key open it. Older backups of this
                                      vault in DIR beyond "backupKeep" are deleted
  backups list                        The backups in the backups folder, newest first, with the erased people
                                      each still holds and until when it is kept; those Registre deleted
`;
