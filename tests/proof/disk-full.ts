/**
 * The disk full, on purpose: a vault on a small tmpfs filled to a few kilobytes, and (on any
 * machine) SQLite's own ceiling `max_page_count` set to the file's size. Writes, imports and
 * exports are tried against it. Counted as failures: an acknowledged write lost, a refused
 * one that changed something (record counts or audit head), a message that is not one
 * readable line naming the full disk, a read that stops working, a wrong passphrase left
 * uncounted, and a vault that does not verify once room is back.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, statfsSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { RegistreCore } from '../../db/core';
import { dispatch } from '../../db/dispatch';
import { verifyAudit } from '../../db/audit/chain';
import type { Input, Method, Output } from '../../shared/api/index';
import type { Result } from '../../shared/errors';

const PASS = 'correct horse battery staple';

export interface DiskFullCounts {
  /** Operations tried against a full disk. */
  trials: number;
  /** Whether a real full disk (tmpfs) was available, or only SQLite's page ceiling. */
  tmpfs: boolean;
  lostWrites: number;
  changedOnRefusal: number;
  unreadableMessages: number;
  brokenReads: number;
  uncountedGuesses: number;
  unverified: number;
  /** The first few failures, one line each. */
  detail: string[];
}

type Failure = Exclude<keyof DiskFullCounts, 'trials' | 'tmpfs' | 'detail'>;

class Tally {
  readonly counts: DiskFullCounts;
  constructor(tmpfs: boolean) {
    this.counts = { trials: 0, tmpfs, lostWrites: 0, changedOnRefusal: 0, unreadableMessages: 0, brokenReads: 0, uncountedGuesses: 0, unverified: 0, detail: [] };
  }
  fail(kind: Failure, what: string): void {
    this.counts[kind] += 1;
    if (this.counts.detail.length < 8) this.counts.detail.push(`${kind}: ${what}`);
  }
}

/** One readable line that says the disk is full, with no stack, code dump or "undefined". */
export function readsAsDiskFull(message: string): boolean {
  return !message.includes('\n') && !/\bat \S+ \(|Error:|undefined|SQLITE_|ENOSPC/.test(message) && /disk .*full/i.test(message);
}

async function tryCall<M extends Method>(core: RegistreCore, method: M, input: Input<M>): Promise<Result<Output<M>>> {
  return (await dispatch(core, method, input, () => {})) as Result<Output<M>>;
}

function csv(rows: number, tag: string): string {
  const lines = ['Email,First name,Last name,Notes'];
  for (let i = 0; i < rows; i++) lines.push(`${tag}${i}@example.org,Given${i},Family${i},${'x'.repeat(200)}`);
  return lines.join('\n');
}

async function snapshot(core: RegistreCore): Promise<string> {
  const info = await tryCall(core, 'vault.info', {});
  if (!info.ok) throw new Error(`vault.info failed: ${info.error.message}`);
  return JSON.stringify({ counts: info.data.counts, head: info.data.auditHead });
}

/** A small tmpfs at `dir`, or false where this machine does not allow mounting one. */
function mountTmpfs(dir: string, megabytes: number): boolean {
  try {
    execFileSync('mount', ['-t', 'tmpfs', '-o', `size=${megabytes}m`, 'tmpfs', dir], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

/** Leaves about `bytes` free on the disk holding `dir` by writing a filler file. */
function fillLeaving(dir: string, bytes: number): string {
  const filler = join(dir, 'filler');
  const s = statfsSync(dir);
  const size = Math.max(0, s.bavail * s.bsize - bytes);
  writeFileSync(filler, Buffer.alloc(size));
  return filler;
}

/** The writes tried against the full disk: each must land whole or be refused in one readable line with nothing changed. */
async function writesAgainstFullDisk(core: RegistreCore, exportDir: string, tally: Tally, round: number): Promise<string[]> {
  const acknowledged: string[] = [];
  const attempts: { name: string; run: () => Promise<{ ok: boolean; error?: { message: string }; email?: string }> }[] = [
    {
      name: 'contacts.importCommit',
      run: async () => tryCall(core, 'contacts.importCommit', { contentBase64: Buffer.from(csv(400, `imp${round}-`)).toString('base64'), skipInvalid: false }),
    },
    {
      name: 'contacts.add',
      run: async () => {
        const email = `added${round}@example.org`;
        return { ...(await tryCall(core, 'contacts.add', { fullName: `Added Person ${round}`, email })), email };
      },
    },
    { name: 'mailingList.export', run: async () => tryCall(core, 'mailingList.export', { out: join(exportDir, `list-${round}.csv`) }) },
  ];
  for (const attempt of attempts) {
    tally.counts.trials += 1;
    const before = await snapshot(core);
    const r = await attempt.run();
    if (r.ok) {
      if (r.email) acknowledged.push(r.email);
      continue;
    }
    const message = r.error?.message ?? '';
    // An export names the disk it saves to, the other writes the vault's: both say the disk is full, in one line.
    if (!readsAsDiskFull(message)) {
      tally.fail('unreadableMessages', `${attempt.name}: ${message.slice(0, 160)}`);
    }
    const after = await snapshot(core);
    if (after !== before) tally.fail('changedOnRefusal', `${attempt.name} was refused but changed the vault`);
  }
  const read = await tryCall(core, 'contacts.search', { limit: 5, offset: 0 });
  if (!read.ok) tally.fail('brokenReads', `contacts.search: ${read.error.message}`);
  return acknowledged;
}

async function verifyAfterRoom(dir: string, acknowledged: string[], tally: Tally): Promise<void> {
  const core = new RegistreCore({ vaultDir: dir, allowFolderChange: false });
  try {
    const unlocked = await tryCall(core, 'vault.unlock', { passphrase: PASS });
    if (!unlocked.ok) {
      tally.fail('unverified', `unlock after room came back: ${unlocked.error.message}`);
      return;
    }
    for (const email of acknowledged) {
      const found = await tryCall(core, 'contacts.search', { query: email, limit: 1, offset: 0 });
      if (!found.ok || found.data.total === 0) tally.fail('lostWrites', `acknowledged contact ${email} is missing`);
    }
    const written = await tryCall(core, 'contacts.add', { fullName: 'After The Cleanup' });
    if (!written.ok) tally.fail('unverified', `a write with room again failed: ${written.error.message}`);
    const ctx = core.context();
    const integrity = ctx.vault.raw.pragma('integrity_check', { simple: true });
    if (integrity !== 'ok') tally.fail('unverified', `integrity_check: ${String(integrity)}`);
    const chain = await verifyAudit(ctx.db, core.requireAuditKey());
    if (!chain.intact) tally.fail('unverified', `audit chain broken at ${chain.firstBroken?.seq}`);
  } finally {
    await core.lock();
  }
}

async function wrongGuessIsCounted(dir: string, tally: Tally): Promise<void> {
  tally.counts.trials += 1;
  const lockout = join(dir, 'registre.lockout');
  const failures = (): number => {
    try {
      return (JSON.parse(readFileSync(lockout, 'utf8')) as { failures: number }).failures;
    } catch {
      return 0;
    }
  };
  const before = failures();
  const core = new RegistreCore({ vaultDir: dir, allowFolderChange: false });
  const r = await tryCall(core, 'vault.unlock', { passphrase: 'not the passphrase at all' });
  await core.lock();
  if (r.ok) tally.fail('uncountedGuesses', 'a wrong passphrase unlocked the vault');
  else if (failures() !== before + 1 && !readsAsDiskFull(r.error.message)) tally.fail('uncountedGuesses', `wrong passphrase not counted: ${r.error.message}`);
  // A fresh process with the right passphrase still opens the full disk's vault for reading.
  const reader = new RegistreCore({ vaultDir: dir, allowFolderChange: false });
  try {
    const ok = await tryCall(reader, 'vault.unlock', { passphrase: PASS });
    if (!ok.ok) tally.fail('brokenReads', `unlock on the full disk: ${ok.error.message}`);
    else {
      const read = await tryCall(reader, 'contacts.search', { limit: 5, offset: 0 });
      if (!read.ok) tally.fail('brokenReads', `contacts.search after unlock on the full disk: ${read.error.message}`);
    }
  } finally {
    await reader.lock();
  }
}

async function seeded(dir: string): Promise<RegistreCore> {
  const core = new RegistreCore({ vaultDir: dir, allowFolderChange: false });
  const created = await tryCall(core, 'vault.create', { passphrase: PASS, staffName: 'Disk Admin' });
  if (!created.ok) throw new Error(`vault.create: ${created.error.message}`);
  const imported = await tryCall(core, 'contacts.importCommit', { contentBase64: Buffer.from(csv(200, 'seed-')).toString('base64'), skipInvalid: false });
  if (!imported.ok) throw new Error(`seed import: ${imported.error.message}`);
  return core;
}

/** Rounds on a real full disk (tmpfs), each leaving a different amount of room. */
async function tmpfsRounds(mount: string, rounds: number, tally: Tally): Promise<void> {
  for (let round = 0; round < rounds; round++) {
    const vaultDir = join(mount, `vault-${round}`);
    const exportDir = join(mount, `out-${round}`);
    mkdirSync(exportDir, { recursive: true });
    const core = await seeded(vaultDir);
    // From a few kilobytes to a few hundred: some writes fit, most do not.
    const filler = fillLeaving(mount, 8 * 1024 + ((round * 37_000) % 400_000));
    let acknowledged: string[];
    try {
      acknowledged = await writesAgainstFullDisk(core, exportDir, tally, round);
    } finally {
      await core.lock();
    }
    await wrongGuessIsCounted(vaultDir, tally);
    rmSync(filler);
    await verifyAfterRoom(vaultDir, acknowledged, tally);
    rmSync(vaultDir, { recursive: true, force: true });
    rmSync(exportDir, { recursive: true, force: true });
  }
}

/** SQLite's page ceiling at the file's size: SQLITE_FULL on any machine, no mount needed. */
async function pageCeilingRounds(scratch: string, rounds: number, tally: Tally): Promise<void> {
  for (let round = 0; round < rounds; round++) {
    const vaultDir = join(scratch, `ceiling-${round}`);
    const core = await seeded(vaultDir);
    let acknowledged: string[] = [];
    try {
      const raw = core.context().vault.raw;
      const pages = Number(raw.pragma('page_count', { simple: true }));
      raw.pragma(`max_page_count = ${pages + (round % 3)}`);
      acknowledged = await writesAgainstFullDisk(core, scratch, tally, 1000 + round);
    } finally {
      await core.lock();
    }
    await verifyAfterRoom(vaultDir, acknowledged, tally);
  }
}

export async function runDiskFull(options: { rounds: number }): Promise<DiskFullCounts> {
  const scratch = mkdtempSync(join(tmpdir(), 'registre-disk-full-'));
  const mount = join(scratch, 'tmpfs');
  mkdirSync(mount);
  const tmpfs = mountTmpfs(mount, 12);
  const tally = new Tally(tmpfs);
  try {
    if (tmpfs) await tmpfsRounds(mount, options.rounds, tally);
    await pageCeilingRounds(scratch, Math.max(1, Math.ceil(options.rounds / 2)), tally);
  } finally {
    if (tmpfs) execFileSync('umount', [mount], { stdio: 'ignore' });
    rmSync(scratch, { recursive: true, force: true });
  }
  return tally.counts;
}
