/**
 * The scheduled backup: at each unlock of the desktop app or the preview (never the CLI's,
 * which is scripted and has `registre backup`), a backup is made when a folder is set and
 * the last one is `backupEveryDays` old. A failure never fails the unlock: it is kept here
 * and the Backups screen shows it as a warning until a backup succeeds.
 */
import type { BackupDto, ScheduledBackupFailure } from '../../shared/dto/backup';
import { RegistreError } from '../../shared/errors';
import type { CallContext } from '../context';
import { makeBackup } from './backup';
import { backupOverdueNow } from './list';

export class BackupSchedule {
  private lastFailure: ScheduledBackupFailure | null = null;

  get failure(): ScheduledBackupFailure | null {
    return this.lastFailure;
  }

  /** Any backup that succeeds clears the warning, the scheduled one or one asked for. */
  succeeded(): void {
    this.lastFailure = null;
  }

  /** Makes the backup if one is due; returns it, or null when none was due or it failed. */
  async runIfDue(ctx: CallContext): Promise<BackupDto | null> {
    try {
      // Without a folder there is nowhere to write: the Backups screen says so instead.
      const reason = await backupOverdueNow(ctx);
      if (reason === null || reason === 'no_folder') return null;
      const made = await makeBackup(ctx, {});
      this.succeeded();
      return made;
    } catch (e) {
      const known = e instanceof RegistreError ? e : null;
      this.lastFailure = {
        at: ctx.now.toISOString(),
        code: known?.code ?? 'internal',
        message: e instanceof Error ? e.message : String(e),
        reason: known?.detail?.reason ?? null,
      };
      return null;
    }
  }
}
