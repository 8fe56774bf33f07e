/** Handlers for shared/api/vault.ts: the vault's lifecycle is the core's own, these hand it the call. */
import { RegistreError } from '../../shared/errors';
import type { vaultContract } from '../../shared/api/vault';
import { AuditAppender } from '../audit/chain';
import type { CallContext, HandlersOf } from '../context';
import { appliedMigrations, latestSchemaVersion } from '../migrations/index';
import { replaceStaffSlot } from '../staff/passphrase';
import { activeStaff } from '../staff/staff';
import { APP_VERSION } from '../version';
import type { RawDb } from './open-db';
import { decodeRecoveryKey } from './recovery-key';
import { checkIntegrity } from './integrity';

const currentSlots = async (ctx: CallContext) => (await activeStaff(ctx.db)).flatMap((s) => (s.key_slot_id ? [s.key_slot_id] : []));

const COUNTED_TABLES = ['staff', 'contacts', 'organisations', 'projects', 'events', 'participations', 'consent_events', 'rights_requests', 'audit_events'] as const;

export const vaultHandlers: HandlersOf<keyof typeof vaultContract> = {
  'vault.status': async (_i, core) => core.status(),
  'vault.create': async (i, core) => core.create(i.passphrase, i.staffName, i.dir),
  'vault.selectFolder': async (i, core) => core.selectFolder(i.dir),
  'vault.unlock': async (i, core) => core.unlock(i.passphrase),
  'vault.openReadOnly': async (i, core) => core.openReadOnly(i.passphrase, i.folder),
  'vault.recover': async (i, core) => {
    const staff = await core.recover(i.recoveryKey);
    return { staff: staff.map((s) => ({ id: s.id, name: s.name, role: s.role })) };
  },
  'vault.restore': async (i, core) => core.restore(i.folder, i.passphrase),
  'vault.integrity': async (_i, core) => {
    const ctx = core.context();
    return checkIntegrity(ctx.vault.raw, core.requireAuditKey(), ctx.vault.pageMacProblems());
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
  'vault.rekeyPrepare': async (_i, core) => {
    const ctx = core.context();
    return { recoveryKey: ctx.vault.rekeyPrepare(await currentSlots(ctx)) };
  },
  'vault.rekeyCommit': async (i, core) => {
    // A key that cannot be one is refused first, as at recovery; then one that is not the pending key.
    const typed = decodeRecoveryKey(i.recoveryKey);
    const ctx = core.context();
    try {
      ctx.vault.assertPendingKey(typed);
      const keep = await currentSlots(ctx);
      const auditKey = core.requireAuditKey();
      const event = { staffId: ctx.session?.staff.id ?? null, action: 'vault.rekeyed' as const, entityType: 'vault' as const, entityId: ctx.vault.vaultId };
      // The event goes into the re-encrypted copy, so it is in the file exactly when the switch is.
      const stamp = (copy: RawDb) => {
        const appender = new AuditAppender(copy, auditKey);
        copy.transaction(() => appender.append(event, ctx.now))();
      };
      try {
        await ctx.vault.rekeyCommit(keep, typed, stamp);
      } catch (e) {
        // The vault reopened under whichever key the file has; start from a clean unlock.
        await core.closeVault();
        throw e;
      }
    } finally {
      typed.fill(0);
    }
    return null;
  },
  'vault.rekeyCancel': async (_i, core) => {
    core.context().vault.cancelRekey();
    return null;
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
};
