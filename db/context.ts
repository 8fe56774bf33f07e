/**
 * The ground floor of the records core: what every domain folder's handlers receive (the
 * call's context and the small face of the core they may use) and the few helpers every
 * domain needs. Domain folders import from here and never from db/core.ts, handlers.ts,
 * dispatch.ts or index.ts, which sit above them.
 */
import type { Kysely } from 'kysely';
import type { Method, Output, ParsedInput } from '../shared/api/index';
import type { SessionDto, VaultStatusDto } from '../shared/dto/index';
import type { RestoreReportDto } from '../shared/dto/backup';
import { RegistreError } from '../shared/errors';
import { localDay } from '../shared/rules/dates';
import type { AuditEntry } from './audit/chain';
import type { ScheduledBackupFailure } from '../shared/dto/backup';
import type { ExportJob } from './export/job';
import type { ImportProgress } from './import/progress';
import type { Database } from './schema';
import type { StaffRow } from './staff/staff';
import type { OpenVault } from './vault/vault';

export interface Session {
  staff: StaffRow;
  slotId: string;
  /** Signed in to look only (vault.openReadOnly): every view is logged, as an auditor's are. */
  readOnly?: boolean;
}

export type AuditInput = Omit<AuditEntry, 'staffId'>;

/** What a handler sees: the open vault, who is acting, and audited transactions. */
export interface CallContext {
  vault: OpenVault;
  db: Kysely<Database>;
  /** Null only while recovering (no one has signed in yet). */
  session: Session | null;
  now: Date;
  /** Runs `fn` in one transaction; `audit` appends to the chain inside it, one event per entry. */
  tx<T>(fn: (trx: Kysely<Database>, audit: (e: AuditInput | readonly AuditInput[]) => Promise<void>) => Promise<T>): Promise<T>;
}

/** What handlers may ask of the core (db/core.ts): the context, the running jobs, and the session's lifecycle. */
export interface Core {
  context(): CallContext;
  /** The audit MAC key of the open vault (verify needs it). */
  requireAuditKey(): Buffer;
  readonly importProgress: ImportProgress;
  readonly exportJob: ExportJob;
  /** The scheduled backup's last failure, for the Backups screen's warning. */
  readonly backupSchedule: { readonly failure: ScheduledBackupFailure | null; succeeded(): void };
  status(): VaultStatusDto;
  selectFolder(dir: string): VaultStatusDto;
  create(passphrase: string, staffName: string, dir?: string): Promise<{ recoveryKey: string; session: SessionDto }>;
  unlock(passphrase: string): Promise<SessionDto>;
  /** Signs in to look only, at the vault or at the backup copy in `folder`. */
  openReadOnly(passphrase: string, folder?: string): Promise<SessionDto>;
  recover(recoveryKey: string): Promise<StaffRow[]>;
  completeRecovery(staffId: string, newPassphrase: string): Promise<SessionDto>;
  /** Replaces the locked vault's files with a verified backup (db/backup/restore.ts). */
  restore(folder: string, passphrase: string): Promise<RestoreReportDto>;
  closeVault(): Promise<VaultStatusDto>;
  touch(): void;
  setAutoLockMinutes(minutes: number): void;
  updateSessionSlot(slotId: string): void;
}

/** One method's implementation: its parsed input in, its output out (or a RegistreError). */
export type Handler<M extends Method> = (input: ParsedInput<M>, core: Core) => Promise<Output<M>>;
/** The handlers of one part of the contract: each domain folder exports its own. */
export type HandlersOf<M extends Method> = { [K in M]: Handler<K> };

/** Today for the secretariat (this computer's calendar), as the screens mean it too. */
export const today = (ctx: CallContext): string => localDay(ctx.now);

/**
 * Logs a look at records when the session's looks are logged: an auditor's, and every one
 * while the vault or a backup copy is open read-only. Other sessions' reads are not events.
 */
export async function logView(ctx: CallContext, what: Pick<AuditInput, 'entityType' | 'entityId' | 'subjectId'>): Promise<void> {
  const session = ctx.session;
  if (!session || (session.staff.role !== 'auditor' && !session.readOnly)) return;
  await ctx.tx((_trx, audit) => audit({ action: session.readOnly ? 'read_only.viewed' : 'auditor.viewed', ...what }));
}

/** The contact, or a not_found error every method words the same way. */
export async function assertContact(db: Kysely<Database>, contactId: string): Promise<{ id: string; language: string | null }> {
  const contact = await db.selectFrom('contacts').select(['id', 'language']).where('id', '=', contactId).executeTakeFirst();
  if (!contact) throw new RegistreError('not_found', 'This contact does not exist.', { reason: 'contact_absent' });
  return contact;
}
