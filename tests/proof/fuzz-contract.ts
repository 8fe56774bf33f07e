/**
 * Fuzz over the whole contract: every method, through the shared dispatch (db/dispatch.ts)
 * as IPC, the preview and the CLI call it, in each role (admin, staff, auditor, the admin
 * with the vault open read-only, the admin on a backup copy open read-only, and with the
 * vault locked), given the hand corpus and inputs generated from its own schema.
 * Counted: anything thrown past the envelope or not shaped like it, internal errors, a
 * refused call that changed the vault (every table's row count and the audit head), and
 * a refusal whose message is not one line a person can read; read-only, a change accepted,
 * and on the backup copy any byte of its registre.db changed.
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, rmSync, statSync, readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import fc from 'fast-check';
import type { RegistreCore } from '../../db/core';
import { dispatch } from '../../db/dispatch';
import { contract, fileWritingMethods, methods, readOnlyRefusedMethods, sessionChangingMethods, type Method } from '../../shared/api/index';
import { errorCodes } from '../../shared/errors';
import { fromSchema, HAND_CORPUS } from './fuzz-inputs';
import { unreadable } from './readable';
import { seedRecords } from './seed';
import { Failures, type ProofCheck, type ProofRow } from './table';
import { call, copyVault, openCore, PASS, ROLE_PASSPHRASES, vaultState } from './vaults';

type Role = 'admin' | 'staff' | 'auditor' | 'read-only' | 'backup copy' | 'locked';
const ROLES: readonly Role[] = ['admin', 'staff', 'auditor', 'read-only', 'backup copy', 'locked'];
const isReadOnly = (role: Role): boolean => role === 'read-only' || role === 'backup copy';
/** The staff role signed in: the read-only rows are the administrator's, so only read-only mode stops their changes. */
const staffRoleOf = (role: Exclude<Role, 'locked'>) => (role === 'staff' || role === 'auditor' ? role : 'admin');
const passphraseOf = (role: Exclude<Role, 'locked'>): string => (staffRoleOf(role) === 'admin' ? PASS : ROLE_PASSPHRASES[staffRoleOf(role) as 'staff' | 'auditor']);
const fileHash = (path: string): string => (existsSync(path) ? createHash('sha256').update(readFileSync(path)).digest('hex') : 'absent');

/** A closed vault changes only by its files: sizes and times of the database, the key file's bytes. */
function lockedState(dir: string): string {
  const stamp = (f: string) => {
    try {
      const s = statSync(join(dir, f));
      return `${s.size}:${s.mtimeMs}`;
    } catch {
      return 'absent';
    }
  };
  return ['registre.db', 'registre.db-wal', 'registre.lockout'].map(stamp).join(' ') + readFileSync(join(dir, 'registre.keys'), 'utf8');
}

const shown = (input: unknown): string => {
  try {
    const s = JSON.stringify(input) ?? String(input);
    return s.length > 100 ? `${s.slice(0, 100)}…(${s.length})` : s;
  } catch {
    return String(input);
  }
};

/** A file-writing call writes into the row's own folder, whatever path it was given. */
function confined(method: Method, input: unknown, outDir: string, n: number): unknown {
  if (!fileWritingMethods.has(method) || typeof input !== 'object' || input === null || typeof (input as { out?: unknown }).out !== 'string') return input;
  const given = (input as { out: string }).out;
  return { ...input, out: join(outDir, `f${n}${/\.[A-Za-z]{1,5}$/.exec(basename(given))?.[0] ?? ''}`) };
}

const isEnvelope = (r: unknown): boolean => {
  if (typeof r !== 'object' || r === null) return false;
  const e = r as { ok?: unknown; data?: unknown; error?: { code?: unknown; message?: unknown } };
  if (e.ok === true) return 'data' in e;
  return e.ok === false && typeof e.error?.message === 'string' && (errorCodes as readonly unknown[]).includes(e.error.code);
};

async function templateVault(dir: string): Promise<string[]> {
  const core = openCore(dir);
  await call(core, 'vault.create', { passphrase: PASS, staffName: 'Fuzz Admin' });
  await call(core, 'staff.add', { name: 'Fuzz Staff', role: 'staff', passphrase: ROLE_PASSPHRASES.staff });
  await call(core, 'staff.add', { name: 'Fuzz Auditor', role: 'auditor', passphrase: ROLE_PASSPHRASES.auditor });
  const seeded = await seedRecords(core, (field) => `Fuzz ${field}`);
  const purposes = (await call(core, 'purposes.list', {})).map((p) => p.id);
  const policies = (await call(core, 'policies.list', {})).map((p) => p.id);
  await core.lock();
  return [...seeded.ids, ...purposes, ...policies];
}

async function fuzzRun(size: number, scratch: string): Promise<ProofRow> {
  const template = join(scratch, 'template');
  const ids = await templateVault(template);
  const seed = Math.floor(Math.random() * 2 ** 31);
  const failures = new Failures();
  const kinds = new Map<string, number>();
  const notes = new Set<string>();
  let trials = 0;
  /** Accepted calls are counted too: a fuzz whose inputs never pass the schema proves little. */
  const count = (kind: string) => kinds.set(kind, (kinds.get(kind) ?? 0) + 1);

  for (const role of ROLES) {
    const dir = copyVault(template, join(scratch, `vault-${role}`));
    const outDir = join(scratch, `out-${role}`);
    mkdirSync(outDir);
    const core: RegistreCore = openCore(dir);
    // The backup copy's row opens a backup of this row's vault, made by the backup writer.
    let backup: string | null = null;
    if (role === 'backup copy') {
      await call(core, 'vault.unlock', { passphrase: PASS });
      mkdirSync(join(scratch, 'backups'));
      backup = (await call(core, 'backups.make', { folder: join(scratch, 'backups') })).path;
      await core.lock();
    }
    const backupDb = backup ? join(backup, 'registre.db') : null;
    const backupBefore = backupDb ? fileHash(backupDb) : null;
    const signIn = async () => {
      if (role === 'locked') return;
      if (isReadOnly(role)) await call(core, 'vault.openReadOnly', { passphrase: PASS, ...(backup ? { folder: backup } : {}) });
      else await call(core, 'vault.unlock', { passphrase: passphraseOf(role) });
    };
    const signedIn = () => {
      const session = core.status().session;
      return role !== 'locked' && session?.staff.role === staffRoleOf(role) && (session.readOnly !== null) === isReadOnly(role);
    };
    await signIn();
    const state = () => (role === 'locked' ? lockedState(dir) : vaultState(core));
    for (const method of methods) {
      const schema = contract[method].input;
      const half = Math.ceil(size / 2);
      const generated = (['clean', 'hostile'] as const).flatMap((h) => fc.sample(fromSchema(schema, ids, h), { numRuns: half, seed: seed + trials }));
      let inputs = [...HAND_CORPUS.map((h) => h.input), ...generated];
      // A valid call of these signs out, switches folders or counts a wrong passphrase
      // towards the lock-out: they get only what their schema refuses.
      if (sessionChangingMethods.has(method)) inputs = inputs.filter((i) => !schema.safeParse(i ?? {}).success);
      for (const raw of inputs) {
        const input = confined(method, raw, outDir, trials);
        trials += 1;
        const where = `${method} [${role}] ${shown(input)}`;
        const logs: string[] = [];
        const before = state();
        let r: unknown;
        try {
          r = await dispatch(core, method, input, (m) => logs.push(m));
        } catch (e) {
          count('uncaught');
          failures.add(`${where}: threw ${e instanceof Error ? e.message : String(e)}`, 'uncaught');
          continue;
        }
        if (!isEnvelope(r)) {
          count('not an envelope');
          failures.add(`${where}: answered ${shown(r)}`, 'not an envelope');
          continue;
        }
        const answer = r as { ok: boolean; error?: { code: string; message: string } };
        if (role !== 'locked' && !signedIn()) {
          notes.add(`${method} ${answer.ok ? 'accepted' : 'refused'} ended the ${role} session`);
          await signIn();
        }
        if (answer.ok) {
          count('accepted');
          if (isReadOnly(role) && readOnlyRefusedMethods.has(method)) failures.add(`${where}: a change accepted while read-only`, 'read-only accepted a change');
          continue;
        }
        const problems: [kind: string, line: string][] = [];
        if (answer.error!.code === 'internal') problems.push(['internal', `internal: ${logs[0]?.split('\n')[0] ?? ''}`]);
        if (state() !== before) problems.push(['refused but changed the vault', 'refused but changed the vault']);
        const kind = unreadable(answer.error!.message);
        if (kind) problems.push([`message: ${kind}`, `message (${kind}): ${answer.error!.message}`]);
        for (const [k] of problems) count(k);
        if (problems.length) failures.add(`${where}: ${problems.map(([, line]) => line).join('; ')}`, problems.map(([k]) => k).join('+'));
      }
    }
    if (role !== 'locked') await core.lock();
    if (backupDb && (fileHash(backupDb) !== backupBefore || existsSync(`${backupDb}-wal`))) failures.add(`the backup copy's registre.db changed during its row`, 'backup copy changed');
    rmSync(dir, { recursive: true, force: true });
  }
  const excluded = [...sessionChangingMethods].join(', ');
  return {
    area: 'fuzz',
    check: 'every contract method × role',
    trials,
    failures: failures.count,
    detail: [
      ...failures.lines,
      `by kind: ${[...kinds].map(([k, n]) => `${k} ${n}`).join(', ') || 'none'}`,
      `${methods.length} methods × ${ROLES.length} roles, fast-check seed ${seed}; session-changing methods (${excluded}) given only inputs their schema refuses; file writes confined to the row's folder; staff ids never offered (a reset would lock the role out)`,
      ...[...notes].slice(0, 5),
    ],
  };
}

export const contractFuzz: ProofCheck = {
  area: 'fuzz',
  check: 'every contract method × role',
  failureMeans: 'a call thrown past the envelope, an internal error, a refusal that changed the vault, or a message no person can read',
  sizes: { full: 200, quick: 4 },
  run: (size, scratch) => fuzzRun(size, scratch),
};
