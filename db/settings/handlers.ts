/** Handlers for shared/api/settings.ts. */
import type { settingsContract } from '../../shared/api/settings';
import type { HandlersOf } from '../context';
import { readSettings, writeSettings } from './settings';

export const settingsHandlers: HandlersOf<keyof typeof settingsContract> = {
  'settings.get': async (_i, core) => readSettings(core.context().db),
  'settings.update': async (i, core) => {
    const ctx = core.context();
    await ctx.tx(async (trx, audit) => {
      const fields = await writeSettings(trx, i);
      await audit({ action: 'settings.updated', entityType: 'settings', fields });
    });
    if (i.autoLockMinutes !== undefined) core.setAutoLockMinutes(i.autoLockMinutes);
    return readSettings(ctx.db);
  },
};
