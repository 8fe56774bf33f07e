/** Staff profiles (inside the vault: names are personal data and never leave it). */
import type { Role } from '../../shared/vocabulary';
import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Database } from '../schema';

export type StaffRow = Database['staff'];

export async function insertStaff(db: Kysely<Database>, s: { name: string; role: Role; keySlotId: string }, now: Date): Promise<StaffRow> {
  const row: StaffRow = { id: randomUUID(), name: s.name, role: s.role, key_slot_id: s.keySlotId, created_at: now.toISOString(), removed_at: null };
  await db.insertInto('staff').values(row).execute();
  return row;
}

export function activeStaff(db: Kysely<Database>): Promise<StaffRow[]> {
  return db.selectFrom('staff').selectAll().where('removed_at', 'is', null).orderBy('name').execute();
}

export function staffBySlot(db: Kysely<Database>, slotId: string): Promise<StaffRow | undefined> {
  return db.selectFrom('staff').selectAll().where('key_slot_id', '=', slotId).where('removed_at', 'is', null).executeTakeFirst();
}

export function staffById(db: Kysely<Database>, id: string): Promise<StaffRow | undefined> {
  return db.selectFrom('staff').selectAll().where('id', '=', id).where('removed_at', 'is', null).executeTakeFirst();
}

export async function setStaffSlot(db: Kysely<Database>, id: string, keySlotId: string): Promise<void> {
  await db.updateTable('staff').set({ key_slot_id: keySlotId }).where('id', '=', id).execute();
}

export async function markStaffRemoved(db: Kysely<Database>, id: string, now: Date): Promise<void> {
  await db.updateTable('staff').set({ removed_at: now.toISOString(), key_slot_id: null }).where('id', '=', id).execute();
}
