/** A staff profile's passphrase is its key slot: replacing one without a moment that locks the person out. */
import type { AuditAction } from '../../shared/audit-vocabulary';
import type { CallContext } from '../context';
import { setStaffSlot, type StaffRow } from './staff';

/**
 * Gives a profile a new passphrase: new slot first, then point the profile at it, then
 * drop the old slot, so a crash at any step leaves a passphrase that opens the profile.
 */
export async function replaceStaffSlot(ctx: CallContext, staff: StaffRow, passphrase: string, action: AuditAction): Promise<string> {
  const slotId = await ctx.vault.addSlot(passphrase);
  await ctx.tx(async (trx, audit) => {
    await setStaffSlot(trx, staff.id, slotId);
    await audit({ action, entityType: 'staff', entityId: staff.id, fields: ['passphrase'] });
  });
  if (staff.key_slot_id) ctx.vault.removeSlot(staff.key_slot_id);
  return slotId;
}
