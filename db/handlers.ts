/**
 * The API implementation: one function per contract method (DESIGN §3). A missing or
 * mistyped handler is a compile error through the `Handlers` type.
 */
import type { Method, Output, ParsedInput } from '../shared/api/index';
import type { StaffDto } from '../shared/dto/index';
import { RegistreError } from '../shared/errors';
import { verifyAudit } from './audit/chain';
import { listAudit } from './audit/list';
import { addContact, archiveContact, contactDto, searchContacts, today, updateContact } from './contacts/contacts';
import { findDuplicates, mergeContacts } from './contacts/duplicates';
import { commitImport, previewImport } from './import/index';
import { listMinors } from './contacts/minors';
import { addEvent, addParticipation, addProject, listEvents, listProjects } from './contacts/events';
import { addOrganisation, listOrganisations, updateOrganisation } from './contacts/organisations';
import { addSensitive, listSensitive, removeSensitive, revealSensitive } from './contacts/sensitive';
import type { CallContext, RegistreCore } from './core';
import { latestSchemaVersion, appliedMigrations } from './migrations/index';
import { readSettings, writeSettings } from './settings/settings';
import { activeStaff, insertStaff, markStaffRemoved, setStaffSlot, staffById, type StaffRow } from './staff/staff';
import { APP_VERSION } from './version';
import { consentHandlers } from './consents/handlers';
import { registerHandlers } from './register/handlers';
import { photoHandlers } from './photos/handlers';
import { exportHandlers } from './export/handlers';

export type Handlers = { [M in Method]: (input: ParsedInput<M>, core: RegistreCore) => Promise<Output<M>> };
/** The handlers of one part of the contract (a domain module exports its own). */
export type HandlersOf<M extends Method> = Pick<Handlers, M>;

function staffDto(row: StaffRow, selfId: string | undefined): StaffDto {
  return { id: row.id, name: row.name, role: row.role, createdAt: row.created_at, isSelf: row.id === selfId };
}

/**
 * Gives a profile a new passphrase: new slot first, then point the profile at it, then
 * drop the old slot, so a crash at any step leaves a passphrase that opens the profile.
 */
export async function replaceStaffSlot(ctx: CallContext, staff: StaffRow, passphrase: string, action: string): Promise<string> {
  const slotId = await ctx.vault.addSlot(passphrase);
  await ctx.tx(async (trx, audit) => {
    await setStaffSlot(trx, staff.id, slotId);
    await audit({ action, entityType: 'staff', entityId: staff.id, fields: ['passphrase'] });
  });
  if (staff.key_slot_id) ctx.vault.removeSlot(staff.key_slot_id);
  return slotId;
}

const COUNTED_TABLES = ['staff', 'contacts', 'organisations', 'projects', 'events', 'participations', 'consent_events', 'rights_requests', 'audit_events'] as const;

/** The API's import input as the importer takes it: bytes, and the home country unless another was chosen. */
async function importRequest<T extends ParsedInput<'contacts.importPreview'>>(ctx: CallContext, i: T) {
  return { ...i, content: Buffer.from(i.contentBase64, 'base64'), defaultCountry: i.defaultCountry ?? (await readSettings(ctx.db)).homeCountry };
}

export function createHandlers(): Handlers {
  return {
    'vault.status': async (_i, core) => core.status(),
    'vault.create': async (i, core) => core.create(i.passphrase, i.staffName, i.dir),
    'vault.selectFolder': async (i, core) => core.selectFolder(i.dir),
    'vault.unlock': async (i, core) => core.unlock(i.passphrase),
    'vault.recover': async (i, core) => {
      const staff = await core.recover(i.recoveryKey);
      return { staff: staff.map((s) => ({ id: s.id, name: s.name, role: s.role })) };
    },
    'vault.completeRecovery': async (i, core) => core.completeRecovery(i.staffId, i.newPassphrase),
    'vault.lock': async (_i, core) => core.closeVault(),
    'vault.touch': async (_i, core) => {
      core.touch();
      return null;
    },
    'vault.info': async (_i, core) => {
      const { db } = core.context();
      const counts: Record<string, number> = {};
      for (const table of COUNTED_TABLES) {
        const q = db.selectFrom(table).select((eb) => eb.fn.countAll<number>().as('n'));
        const row = await (table === 'staff' ? q.where('removed_at' as never, 'is', null) : q).executeTakeFirstOrThrow();
        counts[table] = Number(row.n);
      }
      const head = await db.selectFrom('audit_head').select(['seq', 'hash']).executeTakeFirst();
      const applied = await appliedMigrations(db as never);
      return { schemaVersion: applied.at(-1) ?? latestSchemaVersion, appVersion: APP_VERSION, counts, auditHead: head ?? null };
    },
    'vault.rekey': async (_i, core) => {
      const ctx = core.context();
      const keep = (await activeStaff(ctx.db)).flatMap((s) => (s.key_slot_id ? [s.key_slot_id] : []));
      let recoveryKey: string;
      try {
        recoveryKey = await ctx.vault.rekey(keep);
      } catch (e) {
        // The vault reopened under whichever key the file has; start from a clean unlock.
        await core.closeVault();
        throw e;
      }
      await core.context().tx((_trx, audit) => audit({ action: 'vault.rekeyed', entityType: 'vault', entityId: ctx.vault.vaultId }));
      return { recoveryKey };
    },
    'session.changePassphrase': async (i, core) => {
      const ctx = core.context();
      const session = ctx.session!;
      if (!(await ctx.vault.passphraseOpensSlot(session.slotId, i.current))) {
        throw new RegistreError('invalid_input', 'Your current passphrase is not correct.', { reason: 'current_passphrase_wrong' });
      }
      const slotId = await replaceStaffSlot(ctx, session.staff, i.next, 'staff.passphrase_changed');
      core.updateSessionSlot(slotId);
      return null;
    },
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
    'audit.list': async (i, core) => listAudit(core.context().db, i),
    'contacts.add': async (i, core) => addContact(core.context(), i),
    'contacts.update': async (i, core) => updateContact(core.context(), i),
    'contacts.archive': async (i, core) => archiveContact(core.context(), i.id, i.archived),
    'contacts.get': async (i, core) => {
      const ctx = core.context();
      return contactDto(ctx.db, i.id, today(ctx));
    },
    'contacts.search': async (i, core) => searchContacts(core.context().db, i),
    'contacts.duplicates': async (i, core) => findDuplicates(core.context().db, i),
    'contacts.merge': async (i, core) => mergeContacts(core.context(), i),
    'contacts.importPreview': async (i, core) => {
      const ctx = core.context();
      return previewImport(ctx.db, await importRequest(ctx, i), core.importProgress);
    },
    'contacts.importCommit': async (i, core) => {
      const ctx = core.context();
      return commitImport(ctx, await importRequest(ctx, i), core.importProgress);
    },
    'contacts.importProgress': async (_i, core) => core.importProgress.snapshot(),
    'contacts.minors': async (_i, core) => {
      const ctx = core.context();
      return listMinors(ctx.db, today(ctx));
    },
    'organisations.add': async (i, core) => addOrganisation(core.context(), i),
    'organisations.update': async (i, core) => updateOrganisation(core.context(), i),
    'organisations.list': async (i, core) => listOrganisations(core.context().db, i),
    'projects.add': async (i, core) => addProject(core.context(), i),
    'projects.list': async (_i, core) => listProjects(core.context().db),
    'events.add': async (i, core) => addEvent(core.context(), i),
    'events.list': async (i, core) => listEvents(core.context().db, i),
    'participations.add': async (i, core) => addParticipation(core.context(), i),
    'sensitive.add': async (i, core) => addSensitive(core.context(), i),
    'sensitive.list': async (i, core) => listSensitive(core.context().db, i.contactId),
    'sensitive.reveal': async (i, core) => revealSensitive(core.context(), i.id),
    'sensitive.remove': async (i, core) => removeSensitive(core.context(), i.id),
    'audit.verify': async (_i, core) => {
      const ctx = core.context();
      return verifyAudit(ctx.db, core.requireAuditKey());
    },
    ...consentHandlers,
    ...registerHandlers,
    ...photoHandlers,
    ...exportHandlers,
  };
}
