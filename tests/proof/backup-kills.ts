/**
 * Backups killed by SIGKILL (issue 15): a child process (tests/fixtures/backup-child.ts,
 * bundled with esbuild) makes a backup and is killed at every named step of it (db/steps.ts:
 * vacuumed, keys-copied, manifest-written, renamed) and at random moments, rotation
 * included (the folder keeps 2). After each kill a fresh core unlocks the vault, and the
 * proof counts what a person must never find:
 *
 * - vaultDamaged: the vault does not open, fails integrity_check, or its audit chain is broken;
 * - listedButBroken: a folder listBackups names as a backup whose files do not match its
 *   manifest's sizes and hashes, or whose copy does not open with the vault's key;
 * - auditedButMissing: a `backup.made` event for a backup neither on disk nor recorded as
 *   deleted by rotation.
 *
 * No vitest here: `npm run proof` calls it at full size, backup-kills.test.ts small.
 */
import Database from 'better-sqlite3-multiple-ciphers';
import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { listBackups } from '../../db/backup/list';
import { RegistreCore } from '../../db/core';
import { insertDemoData } from '../../db/seed/demo';
import { decodeRecoveryKey } from '../../db/vault/recovery-key';
import { runChild, type ChildKill } from './export-kills';
import { Failures } from './table';
import { bundleChild, call, repoRoot } from './vaults';

export const BACKUP_STEPS = ['vacuumed', 'keys-copied', 'manifest-written', 'renamed'] as const;

export interface BackupKillCounts {
  kills: number;
  vaultDamaged: number;
  listedButBroken: number;
  auditedButMissing: number;
  /** Runs after which a new backup was listed (the rest left none, or a `.partial`). */
  listed: number;
  /** `.partial` folders left by kills (never listed; a later backup removes them after an hour). */
  partialsLeft: number;
  problems: string[];
}

const PASSPHRASE = 'backup kills passphrase one';

const sha256 = (path: string) => createHash('sha256').update(readFileSync(path)).digest('hex');

/**
 * scrypt's smallest accepted work factor (tests/helpers.ts, which this module cannot import
 * outside vitest): the proof is about the files, and every run unlocks twice.
 */
const LIGHT_KEY_STRETCHING = { N: 2 ** 10, r: 8, p: 1 } as const;

/** Returns the data key (the recovery key), to open the backups' copies from outside. */
async function seed(dir: string, folder: string, contacts: number): Promise<Buffer> {
  const core = new RegistreCore({ vaultDir: dir, allowFolderChange: false, keyStretching: LIGHT_KEY_STRETCHING });
  const { recoveryKey } = await call(core, 'vault.create', { passphrase: PASSPHRASE, staffName: 'Backup Admin' });
  const ctx = core.context();
  await ctx.tx((trx, audit) => insertDemoData(trx, { contacts, now: ctx.now, seed: 15 }, (t) => audit({ action: 'demo.generated', entityType: t })));
  await call(core, 'settings.update', { backupFolder: folder, backupKeep: 2 });
  await core.lock();
  return decodeRecoveryKey(recoveryKey);
}

/** Read-only, as a restore would first look at it: opening it the vault's way would change its header (WAL), and so its hash. */
function copyIsWhole(path: string, dataKey: Buffer): boolean {
  const db = new Database(path, { readonly: true, fileMustExist: true });
  try {
    db.pragma(`cipher='sqlcipher'`);
    db.pragma('legacy=4');
    db.pragma(`key="x'${dataKey.toString('hex')}'"`);
    return db.pragma('integrity_check', { simple: true }) === 'ok';
  } catch {
    return false;
  } finally {
    db.close();
  }
}

/** What the folder and the vault say after a run; a problem found is added to `problems`. */
async function inspect(core: RegistreCore, folder: string, dataKey: Buffer, problems: Failures, where: string): Promise<{ names: Set<string>; damaged: boolean; broken: number }> {
  const ctx = core.context();
  let damaged = false;
  if (ctx.vault.raw.pragma('integrity_check', { simple: true }) !== 'ok') {
    problems.add(`integrity check failed: ${where}`, 'vault');
    damaged = true;
  }
  const verify = await call(core, 'audit.verify', {});
  if (!verify.intact) {
    problems.add(`audit chain broken at ${verify.firstBroken?.seq}: ${where}`, 'vault');
    damaged = true;
  }
  const names = new Set<string>();
  let broken = 0;
  for (const b of listBackups(folder)) {
    names.add(b.name);
    const bad = Object.entries(b.manifest.files).find(([file, entry]) => entry && sha256(join(b.path, file)) !== entry.sha256);
    if (!bad && copyIsWhole(join(b.path, 'registre.db'), dataKey)) continue;
    broken += 1;
    problems.add(`${b.name} is listed but ${bad ? `${bad[0]} does not match its manifest` : 'its copy does not open'}: ${where}`, 'listed');
  }
  return { names, damaged, broken };
}

export async function runBackupKills(options: { perStep: number; random: number; contacts?: number; root?: string }): Promise<BackupKillCounts> {
  const root = options.root ?? repoRoot();
  const work = mkdtempSync(join(tmpdir(), 'registre-backup-kills-'));
  try {
    const childJs = await bundleChild('tests/fixtures/backup-child.ts', join(work, 'backup-child.cjs'));
    const vault = join(work, 'vault');
    const folder = join(work, 'backups');
    mkdirSync(folder);
    const dataKey = await seed(vault, folder, options.contacts ?? 3000);
    const problems = new Failures();
    const counts = { kills: 0, vaultDamaged: 0, listedButBroken: 0, auditedButMissing: 0, listed: 0, partialsLeft: 0 };
    let runs = 0;
    let before = new Set<string>();
    const partials = new Set<string>();

    const once = async (kill: ChildKill) => {
      const run = await runChild(childJs, root, [vault], kill, PASSPHRASE);
      const where = `run ${++runs} (${JSON.stringify(kill)}): ${run.stderr.trim()}`;
      if (!run.killed && run.code !== 0) throw new Error(`the backup failed by itself: ${where}`);
      if (run.killed) counts.kills += 1;
      for (const n of readdirSync(folder)) if (n.endsWith('.partial')) partials.add(n);

      const core = new RegistreCore({ vaultDir: vault, allowFolderChange: false });
      try {
        await call(core, 'vault.unlock', { passphrase: PASSPHRASE });
      } catch (e) {
        counts.vaultDamaged += 1;
        problems.add(`the vault did not open: ${e instanceof Error ? e.message : String(e)}: ${where}`, 'vault');
        return run;
      }
      try {
        const { names, damaged, broken } = await inspect(core, folder, dataKey, problems, where);
        if (damaged) counts.vaultDamaged += 1;
        counts.listedButBroken += broken;
        if ([...names].some((n) => !before.has(n))) counts.listed += 1;
        const db = core.context().db;
        const made = await db.selectFrom('audit_events').select('entity_id').where('action', '=', 'backup.made').execute();
        const rotated = new Set((await db.selectFrom('backups').select('name').where('deleted_at', 'is not', null).execute()).map((r) => r.name));
        for (const { entity_id: name } of made) {
          if (name && !names.has(name) && !rotated.has(name)) {
            counts.auditedButMissing += 1;
            problems.add(`backup.made for ${name}, which is neither on disk nor deleted by rotation: ${where}`, 'audited');
          }
        }
        before = names;
      } finally {
        await core.lock();
      }
      return run;
    };

    const duration = (await once(null)).exportMs ?? 0;
    for (const step of BACKUP_STEPS) {
      for (let i = 0; i < options.perStep; i++) {
        const run = await once({ step, nth: 1 });
        if (!run.killed) throw new Error(`the backup never reached step ${step}`);
      }
    }
    for (let i = 0; i < options.random; i++) await once({ afterReadyMs: Math.random() * 1.3 * duration });
    return { ...counts, partialsLeft: partials.size, problems: problems.lines };
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}
