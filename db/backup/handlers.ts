/** Handlers for shared/api/backup.ts. */
import type { backupContract } from '../../shared/api/backup';
import type { HandlersOf } from '../context';
import { makeBackup } from './backup';
import { backupRegister } from './list';

export const backupHandlers: HandlersOf<keyof typeof backupContract> = {
  'backups.make': async (i, core) => {
    const made = await makeBackup(core.context(), i);
    core.backupSchedule.succeeded();
    return made;
  },
  'backups.list': async (_i, core) => backupRegister(core.context(), core.backupSchedule.failure),
};
