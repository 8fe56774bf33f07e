/** Handlers for shared/api/settings.ts. */
import type { settingsContract } from '../../shared/api/settings';
import type { HandlersOf } from '../context';
import { assertBackupFolder } from '../backup/folder';
import { writeController } from './controller';
import { readSettings, writeSettings } from './settings';

export const settingsHandlers: HandlersOf<keyof typeof settingsContract> = {
  'settings.get': async (_i, core) => readSettings(core.context().db),
  'settings.update': async (i, core) => {
    const ctx = core.context();
    // An update that changes nothing is answered without a transaction or an audit event.
    if (Object.values(i).every((value) => value === undefined)) return readSettings(ctx.db);
    // Checked on this computer's disk before anything is written.
    if (typeof i.backupFolder === 'string') i = { ...i, backupFolder: assertBackupFolder(ctx.vault.paths.dir, i.backupFolder) };
    await ctx.tx(async (trx, audit) => {
      const fields = await writeSettings(trx, i);
      await audit({ action: 'settings.updated', entityType: 'settings', fields });
    });
    if (i.autoLockMinutes !== undefined) core.setAutoLockMinutes(i.autoLockMinutes);
    return readSettings(ctx.db);
  },
  'settings.setController': async (i, core) => {
    const ctx = core.context();
    await ctx.tx(async (trx, audit) => {
      const fields = await writeController(trx, i);
      // Names only, never the values (DESIGN §5 "Audit log"); a change of nothing is not logged.
      if (fields.length) await audit({ action: 'settings.controllerUpdated', entityType: 'settings', entityId: 'controller', fields });
    });
    return readSettings(ctx.db);
  },
};
