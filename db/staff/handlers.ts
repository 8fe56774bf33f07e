/** Handlers for shared/api/staff.ts. */
import type { staffContract } from '../../shared/api/staff';
import type { StaffDto } from '../../shared/dto/index';
import { RegistreError } from '../../shared/errors';
import type { HandlersOf } from '../context';
import { replaceStaffSlot } from './passphrase';
import { activeStaff, insertStaff, markStaffRemoved, staffById, type StaffRow } from './staff';

function staffDto(row: StaffRow, selfId: string | undefined): StaffDto {
  return { id: row.id, name: row.name, role: row.role, createdAt: row.created_at, isSelf: row.id === selfId };
}

export const staffHandlers: HandlersOf<keyof typeof staffContract> = {
  'staff.list': async (_i, core) => {
    const ctx = core.context();
    return (await activeStaff(ctx.db)).map((r) => staffDto(r, ctx.session?.staff.id));
  },
  'staff.add': async (i, core) => {
    const ctx = core.context();
    const slotId = await ctx.vault.addSlot(i.passphrase);
    try {
      const row = await ctx.tx(async (trx, audit) => {
        const r = await insertStaff(trx, { name: i.name, role: i.role, keySlotId: slotId }, ctx.now);
        await audit({ action: 'staff.added', entityType: 'staff', entityId: r.id, fields: ['name', 'role'] });
        return r;
      });
      return staffDto(row, ctx.session?.staff.id);
    } catch (e) {
      ctx.vault.removeSlot(slotId);
      throw e;
    }
  },
  'staff.remove': async (i, core) => {
    const ctx = core.context();
    const target = await staffById(ctx.db, i.id);
    if (!target) throw new RegistreError('not_found', 'This staff profile does not exist.');
    if (target.id === ctx.session?.staff.id) throw new RegistreError('conflict', 'You cannot remove your own profile.', { reason: 'remove_self' });
    if (target.role === 'admin' && (await activeStaff(ctx.db)).filter((s) => s.role === 'admin').length <= 1) {
      throw new RegistreError('conflict', 'The last administrator cannot be removed.', { reason: 'last_admin' });
    }
    // Slot first (fail closed): if the profile update then fails, the person is locked
    // out but still listed, and removing them again finishes the job.
    if (target.key_slot_id) ctx.vault.removeSlot(target.key_slot_id);
    await ctx.tx(async (trx, audit) => {
      await markStaffRemoved(trx, target.id, ctx.now);
      await audit({ action: 'staff.removed', entityType: 'staff', entityId: target.id });
    });
    return null;
  },
  'staff.resetPassphrase': async (i, core) => {
    const ctx = core.context();
    const target = await staffById(ctx.db, i.id);
    if (!target) throw new RegistreError('not_found', 'This staff profile does not exist.');
    if (target.id === ctx.session?.staff.id) {
      throw new RegistreError('conflict', 'Use "Change my passphrase" for your own profile.', { reason: 'reset_self' });
    }
    await replaceStaffSlot(ctx, target, i.passphrase, 'staff.passphrase_reset');
    return null;
  },
};
