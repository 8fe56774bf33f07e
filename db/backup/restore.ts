/**
 * Restoring a backup (DESIGN §4, §5) into a locked vault folder. In order:
 * 1. verified: the backup passes db/backup/verify.ts, or nothing is touched;
 * 2. copied: its registre.db and registre.keys are copied into a staging folder beside the
 *    vault and checked against the manifest again;
 * 3. reapplied: the staged copy is migrated, and every erasure the current vault knows
 *    (its erasures table, read before anything changes, and the registre.erasures file
 *    beside it) that the backup lacks is carried out again on it with the erasure's own
 *    code, with the `vault.restored` event, and the copy passes the integrity check. So the
 *    file that becomes the vault never holds a person erased since the backup;
 * 4. journaled, swapped, done: db/vault/restore-swap.ts replaces the vault's files with
 *    the staged ones, keeping the old ones aside as registre.db.before-restore-<UTC stamp>
 *    (and its keys); a kill from the journal on is completed by the next open.
 * The vault's single-writer lock is held throughout.
 */
import { copyFileSync, existsSync, mkdirSync } from 'node:fs';
import type { ReappliedErasureDto, RestoreReportDto } from '../../shared/dto/backup';
import { RegistreError } from '../../shared/errors';
import type { SensitiveCategory } from '../../shared/vocabulary';
import { AuditAppender } from '../audit/chain';
import { prepareVault } from '../bootstrap';
import type { AuditInput, CallContext } from '../context';
import { anonymiseContact } from '../erasure/anonymise';
import { eraseCategory } from '../erasure/erase-category';
import { eraseContact, erasurePseudonym } from '../erasure/erase';
import { readLedgerFile, type LedgerLine } from '../erasure/ledger-file';
import { staffBySlot } from '../staff/staff';
import { reached } from '../steps';
import { fsyncDir, fsyncFile } from '../vault/atomic-file';
import { truncateWal } from '../vault/checkpoint';
import { acquireInstanceLock } from '../vault/instance-lock';
import { checkIntegrity } from '../vault/integrity';
import { openKeyed } from '../vault/open-db';
import { assertLocalPath, vaultPaths, type VaultPaths } from '../vault/paths';
import { finishRestore, removeStaging, settleRestore, stagingPaths, swapInRestored, writeRestoreJournal, type RestoreJournal } from '../vault/restore-swap';
import { readSidecar } from '../vault/sidecar';
import { OpenVault, openSlotKeys } from '../vault/vault';
import { assertFilesMatch, verifyBackup, type VerifiedBackup } from './verify';

/** Kept in the restored vault's erasure ledger as the reason: why, never who. */
export const REAPPLIED_REASON = 'Re-applied after restoring a backup';

/** YYYYMMDD-HHMMSSZ, the backups' own stamp. */
const utcStamp = (d: Date) =>
  d
    .toISOString()
    .replace(/[-:]/g, '')
    .replace('T', '-')
    .replace(/\.\d+Z$/, 'Z');

function currentVaultId(paths: VaultPaths): string | null {
  if (!existsSync(paths.keys)) return null;
  try {
    return readSidecar(paths.keys).vaultId;
  } catch {
    return null; // a damaged key file: the backup's manifest and keys must then agree with each other
  }
}

/** A single category erased from a person (the vault's category_erasures row), kept by the vault only. */
interface CategoryErasure {
  contactId: string;
  category: SensitiveCategory;
  on: string;
  reason: string;
}

/** A category erasure told by what it was: row numbers are not kept once a person's rows go, and SQLite reuses them. */
const categoryKey = (c: CategoryErasure): string => [c.contactId, c.category, c.on, c.reason].join('\0');

/**
 * The erasure tables of the vault about to be replaced: its ledger and its category
 * erasures; none when neither the passphrase nor the backup's data key opens it (a vault
 * rekeyed since the backup and a passphrase it no longer knows; then only the ledger file
 * beside it speaks, and it holds whole erasures and anonymisations only).
 */
async function erasuresInVault(paths: VaultPaths, passphrase: string, backupKey: Buffer): Promise<{ ledger: LedgerLine[]; categories: CategoryErasure[] }> {
  const none = { ledger: [], categories: [] };
  if (!existsSync(paths.db) || !existsSync(paths.keys)) return none;
  let sidecar;
  try {
    sidecar = readSidecar(paths.keys);
  } catch {
    return none;
  }
  const slot = await openSlotKeys(sidecar, passphrase);
  const key = slot?.keys.get(sidecar.currentKeyId);
  // A passphrase changed since the backup opens the backup's key slots, not the vault's; the
  // data key is the same unless the vault was rekeyed since, so the backup's key is tried too.
  const raw = (key ? openKeyed(paths.db, key) : null) ?? openKeyed(paths.db, backupKey);
  for (const k of slot?.keys.values() ?? []) k.fill(0);
  if (!raw) return none;
  try {
    // A vault not opened since an upgrade may predate the erasure kinds (0015): its rows are all whole erasures.
    const hasKinds = (raw.prepare("SELECT count(*) FROM pragma_table_info('erasures') WHERE name = 'kind'").pluck().get() as number) > 0;
    const ledger = (
      raw.prepare(`SELECT id, erased_on, ${hasKinds ? 'kind' : "'erased' AS kind"} FROM erasures ORDER BY entry_seq`).all() as Array<{ id: string; erased_on: string; kind: LedgerLine['kind'] }>
    ).map((r) => ({ erasure: r.id, on: r.erased_on, kind: r.kind }));
    const hasCategories = (raw.prepare("SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = 'category_erasures'").pluck().get() as number) > 0;
    const categories = hasCategories
      ? (
          raw.prepare('SELECT contact_id, category, erased_on, reason FROM category_erasures ORDER BY seq').all() as Array<{
            contact_id: string;
            category: SensitiveCategory;
            erased_on: string;
            reason: string;
          }>
        ).map((r) => ({ contactId: r.contact_id, category: r.category, on: r.erased_on, reason: r.reason }))
      : [];
    return { ledger, categories };
  } finally {
    raw.close();
  }
}

/** Both ledgers of the current vault, each erasure once, and its category erasures. */
async function currentErasures(paths: VaultPaths, passphrase: string, backupKey: Buffer): Promise<{ ledger: LedgerLine[]; categories: CategoryErasure[] }> {
  const inVault = await erasuresInVault(paths, passphrase, backupKey);
  const all = new Map<string, LedgerLine>();
  for (const line of [...inVault.ledger, ...readLedgerFile(paths.erasures)]) if (!all.has(line.erasure)) all.set(line.erasure, line);
  return { ledger: [...all.values()], categories: inVault.categories };
}

/** The backup's files, copied beside the vault and checked again: the copy is what gets swapped in. */
function stage(paths: VaultPaths, folder: string, backup: VerifiedBackup): VaultPaths {
  removeStaging(paths);
  mkdirSync(paths.restoreStaging, { recursive: true });
  const staged = stagingPaths(paths);
  copyFileSync(`${folder}/registre.db`, staged.db);
  copyFileSync(`${folder}/registre.keys`, staged.keys);
  assertFilesMatch(paths.restoreStaging, { ...backup.manifest, files: { 'registre.db': backup.manifest.files['registre.db'], 'registre.keys': backup.manifest.files['registre.keys'] } });
  return staged;
}

/** A call context over the staged copy, so the erasure runs with its own code, its audit events appended to the copy's chain. */
function stagedContext(vault: OpenVault, auditKey: Buffer, session: CallContext['session'], now: Date): CallContext {
  const appender = new AuditAppender(vault.raw, auditKey);
  const staffId = session?.staff.id ?? null;
  return {
    vault,
    db: vault.db,
    session,
    now,
    tx: (fn) =>
      vault.db.transaction().execute((trx) =>
        fn(trx, async (e) => {
          const entries: readonly AuditInput[] = Array.isArray(e) ? e : [e as AuditInput];
          appender.appendAll(
            entries.map((x) => ({ ...x, staffId })),
            now,
          );
        }),
      ),
  };
}

/** Kept in a restored ledger for an erasure whose person the backup did not hold. */
const CARRIED_REASON = 'Recorded after this backup was taken; the person was not in it';

/**
 * Erases again, in the staged copy, each person erased since the backup, anonymises again
 * each one anonymised since (unless erased since too), and erases again each category
 * erased since from a person still there (a category erasure the copy does not have: the
 * copy shares the vault's history up to the backup, so its rows keep their numbers);
 * returns which.
 */
async function reapply(
  vault: OpenVault,
  auditKey: Buffer,
  backup: VerifiedBackup,
  erasures: { ledger: readonly LedgerLine[]; categories: readonly CategoryErasure[] },
  now: Date,
): Promise<{ reapplied: ReappliedErasureDto[]; ctx: CallContext }> {
  const staff = await staffBySlot(vault.db, backup.slotId);
  const ctx = stagedContext(vault, auditKey, staff ? { staff, slotId: backup.slotId } : null, now);
  const known = new Set((await vault.db.selectFrom('erasures').select('id').execute()).map((r) => r.id));
  const since = new Map(erasures.ledger.filter((e) => !known.has(e.erasure)).map((e) => [e.erasure, e]));
  const reapplied: ReappliedErasureDto[] = [];
  // Only the pseudonym names the person: each contact of the copy is tried against it.
  const contacts = (await vault.db.selectFrom('contacts').select('id').execute()).map((c) => c.id);
  for (const contactId of contacts) {
    const erased = since.get(erasurePseudonym(auditKey, contactId, 'erased'));
    const anonymised = erased ? undefined : since.get(erasurePseudonym(auditKey, contactId, 'anonymised'));
    if (erased) await eraseContact(ctx, auditKey, { contactId, reason: REAPPLIED_REASON });
    else if (anonymised) await anonymiseContact(ctx, auditKey, { contactId, reason: REAPPLIED_REASON });
    const line = erased ?? anonymised;
    if (line) reapplied.push({ erasure: line.erasure, on: line.on, kind: line.kind });
  }
  // The copy shares the vault's history up to the backup: each category erasure it already holds is one of the vault's.
  const held = new Map<string, number>();
  for (const r of await vault.db.selectFrom('category_erasures').select(['contact_id', 'category', 'erased_on', 'reason']).execute()) {
    const key = categoryKey({ contactId: r.contact_id, category: r.category, on: r.erased_on, reason: r.reason });
    held.set(key, (held.get(key) ?? 0) + 1);
  }
  for (const c of erasures.categories) {
    const key = categoryKey(c);
    const already = held.get(key) ?? 0;
    if (already > 0) {
      held.set(key, already - 1);
      continue;
    }
    const left = await vault.db.selectFrom('sensitive_extras').select('id').where('contact_id', '=', c.contactId).where('category', '=', c.category).executeTakeFirst();
    if (!left) continue;
    await eraseCategory(ctx, { contactId: c.contactId, category: c.category, reason: REAPPLIED_REASON });
    reapplied.push({ erasure: erasurePseudonym(auditKey, c.contactId), on: c.on, kind: 'category', category: c.category });
  }
  // Erasures of people the backup never held still belong in its ledger: the register counts
  // them, and the integrity check keeps looking for them.
  const recorded = new Set((await vault.db.selectFrom('erasures').select('id').execute()).map((r) => r.id));
  const missing = erasures.ledger.filter((e) => !recorded.has(e.erasure));
  if (missing.length > 0) {
    await ctx.tx(async (trx) => {
      for (const e of missing) await trx.insertInto('erasures').values({ id: e.erasure, erased_on: e.on, request_id: null, reason: CARRIED_REASON, kept_count: 0, kind: e.kind }).execute();
    });
  }
  return { reapplied, ctx };
}

export async function restoreBackup(dir: string, opts: { folder: string; passphrase: string; now: Date }): Promise<RestoreReportDto> {
  const paths = vaultPaths(dir);
  assertLocalPath(paths.dir);
  mkdirSync(paths.dir, { recursive: true });
  const release = acquireInstanceLock(paths);
  let journaled = false;
  try {
    settleRestore(paths);
    const backup = await verifyBackup(opts.folder, { passphrase: opts.passphrase, vaultId: currentVaultId(paths) });
    reached('restore', 'verified');
    const erasures = await currentErasures(paths, opts.passphrase, backup.dataKey);
    const staged = stage(paths, opts.folder, backup);
    reached('restore', 'copied');

    const raw = openKeyed(staged.db, backup.dataKey);
    if (!raw) {
      backup.dataKey.fill(0);
      throw new RegistreError('invalid_input', "The backup's key no longer opens its copy. Nothing was replaced.", { reason: 'backup_wrong_key' });
    }
    const vault = new OpenVault(staged, raw, backup.sidecar, backup.dataKey, () => undefined);
    let report: Omit<RestoreReportDto, 'keptAsideAs'>;
    try {
      const auditKey = await prepareVault(vault.db);
      const { reapplied, ctx } = await reapply(vault, auditKey, backup, erasures, opts.now);
      await ctx.tx((_trx, audit) => audit({ action: 'vault.restored', entityType: 'vault', entityId: backup.sidecar.vaultId }));
      truncateWal(raw);
      // The backup passed the full check (verifyBackup), the copy matches its hashes, and only
      // SQLite has written to it since: its structure and every page's HMAC are checked again,
      // not every index against its table (at a million contacts, with a 64 MiB cache, 18 s instead of 95–109).
      const integrity = await checkIntegrity(raw, auditKey, vault.pageMacProblems(), 'quick_check');
      if (!integrity.ok) {
        const failed = integrity.checks.filter((c) => !c.ok).map((c) => c.name);
        throw new RegistreError('invalid_input', `The restored copy fails its integrity checks (${failed.join(', ')}). Nothing was replaced.`, { reason: 'backup_damaged', checks: failed });
      }
      report = { backup: backup.name, createdAt: backup.manifest.createdAt, reapplied, integrity };
    } finally {
      await vault.close();
    }
    // Closing the last connection empties and removes the WAL: the staged file is the whole vault.
    if (existsSync(staged.wal)) throw new Error('the restored copy kept a WAL after closing');
    fsyncFile(staged.db);
    fsyncFile(staged.keys);
    fsyncDir(paths.restoreStaging);
    reached('restore', 'reapplied');

    // Two restores within one second keep both replaced vaults.
    let stamp = utcStamp(opts.now);
    for (let n = 2; existsSync(`${paths.db}.before-restore-${stamp}`) || existsSync(`${paths.keys}.before-restore-${stamp}`); n++) stamp = `${utcStamp(opts.now)}-${n}`;
    const journal: RestoreJournal = {
      format: 'registre.restore',
      version: 1,
      backup: backup.name,
      keptAside: { db: `registre.db.before-restore-${stamp}`, keys: `registre.keys.before-restore-${stamp}` },
    };
    writeRestoreJournal(paths, journal);
    journaled = true;
    reached('restore', 'journaled');
    swapInRestored(paths, journal);
    reached('restore', 'swapped');
    finishRestore(paths);
    reached('restore', 'done');
    return { ...report, keptAsideAs: journal.keptAside };
  } catch (e) {
    // Before the journal nothing of the vault was touched: the staging folder just goes.
    if (!journaled) removeStaging(paths);
    throw e;
  } finally {
    release();
  }
}
