/**
 * Single-writer lock: one app window or CLI command at a time per vault, so two processes
 * never write one vault (a write or a rekey beside another process's open connection
 * corrupts it). `registre.lock` is a file created exclusively (O_EXCL) that names its owner
 * (lock-owner.ts). A second process never takes the lock of a live owner, however old its
 * mtime (a suspended laptop, a process paused in a debugger); a dead owner's lock is taken
 * over at once; only an owner that cannot be checked from here (another computer, another
 * pid namespace, an older Registre's lock folder) is judged by the age of the lock's mtime,
 * which the owner refreshes.
 *
 * The owner checks on a timer, and the core before every call, that the file is still the
 * one it wrote; once it is removed or replaced the lock is lost for good and the core
 * closes the vault (db/core.ts).
 */
import { randomUUID } from 'node:crypto';
import { closeSync, linkSync, openSync, readdirSync, readFileSync, renameSync, rmSync, statSync, utimesSync, writeFileSync, writeSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { RegistreError } from '../../shared/errors';
import { ownerRecord, ownerState, parseOwner, pidExists, type LockOwner } from './lock-owner';
import type { VaultPaths } from './paths';

export interface LockTiming {
  /** How often the owner checks that the lock is still its own and refreshes its mtime. */
  refreshMs: number;
  /** How old a lock whose owner cannot be checked must be before it is taken over. */
  staleMs: number;
}

let timing: LockTiming = { refreshMs: 3_000, staleMs: 30_000 };

/** Shorter timings for the tests and proofs that wait on them (the app keeps the defaults); returns the previous ones. */
export function setInstanceLockTiming(next: Partial<LockTiming>): LockTiming {
  const previous = timing;
  timing = { ...timing, ...next };
  return previous;
}

const lockPath = (paths: VaultPaths): string => join(paths.dir, 'registre.lock');

/** What is at the lock's path: `ino` and `text` together tell one lock from its successor. */
type Seen = { kind: 'gone' } | { kind: 'present'; ino: number; mtimeMs: number; text: string | null; owner: LockOwner | null };

function look(path: string): Seen {
  try {
    const st = statSync(path);
    // A folder is the lock of a Registre from before owners were named (proper-lockfile).
    const text = st.isDirectory() ? null : readFileSync(path, 'utf8');
    return { kind: 'present', ino: st.ino, mtimeMs: st.mtimeMs, text, owner: text === null ? null : parseOwner(text) };
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return { kind: 'gone' };
    throw e;
  }
}

const sameLock = (a: Seen, b: Seen): boolean => a.kind === 'present' && b.kind === 'present' && a.ino === b.ino && a.text === b.text;

function takeable(seen: Extract<Seen, { kind: 'present' }>): boolean {
  const state = seen.owner ? ownerState(seen.owner) : 'unknown';
  if (state !== 'unknown') return state === 'dead';
  return Date.now() - seen.mtimeMs > timing.staleMs;
}

function refusal(seen: Seen): RegistreError {
  const owner = seen.kind === 'present' ? seen.owner : null;
  const waitSeconds = Math.ceil(timing.staleMs / 1000);
  const message =
    owner && ownerState(owner) === 'alive'
      ? `This vault is already open in another Registre window or command (process ${owner.pid}). Close it there first.`
      : `This vault is already open in Registre${owner ? ` on ${owner.hostname}` : ''}. Close it there first; if Registre stopped there unexpectedly, try again in ${waitSeconds} seconds.`;
  return new RegistreError('conflict', message, { reason: 'vault_open_elsewhere' });
}

/**
 * Creates the lock file with our owner record; false if a lock is already there. The record
 * is written to a file of its own first and linked into place in one step, so the lock is
 * never seen empty: a process killed between creating the lock and writing it would
 * otherwise keep everyone out until the lock went stale.
 */
function create(path: string, text: string): boolean {
  // Named with this process's pid, so a holder can tell the leftover of a create that was killed.
  const draft = `${path}.${process.pid}.${randomUUID()}.new`;
  writeFileSync(draft, text, { flag: 'wx' });
  try {
    linkSync(draft, path);
    return true;
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'EEXIST') return false;
    // A file system without hard links (exFAT, FAT32): create and write in two steps.
    if (code === 'EPERM' || code === 'ENOTSUP' || code === 'ENOSYS' || code === 'EOPNOTSUPP') return createInPlace(path, text);
    throw e;
  } finally {
    rmSync(draft, { force: true });
  }
}

function createInPlace(path: string, text: string): boolean {
  let fd: number;
  try {
    fd = openSync(path, 'wx');
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw e;
  }
  try {
    writeSync(fd, text);
  } catch (e) {
    // An empty lock would keep others out until it is stale.
    closeSync(fd);
    rmSync(path, { force: true });
    throw e;
  }
  closeSync(fd);
  return true;
}

/**
 * Removes the lock judged in `seen`, and only that one: it is renamed aside first, and put
 * back if what moved is a successor another process created since it was judged.
 */
function retire(path: string, seen: Seen): void {
  // Named with this process's pid, so a holder can tell the leftover of a retire that was killed.
  const aside = `${path}.${process.pid}.${randomUUID()}.old`;
  try {
    renameSync(path, aside);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return;
    throw e;
  }
  const moved = look(aside);
  if (!sameLock(moved, seen)) {
    try {
      if (moved.kind === 'present' && moved.text === null) renameSync(aside, path);
      else linkSync(aside, path);
    } catch {
      // A third process holds the name by now; its owner keeps it.
    }
  }
  rmSync(aside, { recursive: true, force: true });
}

/**
 * A process killed inside `retire` or `create` leaves its renamed-aside lock or its draft
 * behind (an owner record, no personal data, but clutter nobody else would clear). The new
 * holder removes those whose process is gone; a live one is still using its file.
 */
function removeRetiredLeftovers(path: string): void {
  const dir = dirname(path);
  const leftover = new RegExp(`^${basename(path).replace(/\./g, '\\.')}\\.(\\d+)\\.[0-9a-f-]{36}\\.(?:old|new)$`);
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch {
    return;
  }
  for (const name of names) {
    const pid = Number(leftover.exec(name)?.[1] ?? NaN);
    if (!Number.isInteger(pid) || pid === process.pid || pidExists(pid)) continue;
    rmSync(join(dir, name), { recursive: true, force: true });
  }
}

/** The lock a process holds on one vault. */
export interface HeldInstanceLock {
  /** Reads the lock file: false for good once it was removed or replaced. */
  stillHeld(): boolean;
  /** Runs once, from the refresh timer or a check, when the lock is found lost. */
  onLost: (() => void) | null;
}

/** The locks this process holds, by lock path: the newest one per vault folder. */
const held = new Map<string, HeldLock>();

class HeldLock implements HeldInstanceLock {
  private state: 'held' | 'lost' | 'released' = 'held';
  private readonly timer: NodeJS.Timeout;
  onLost: (() => void) | null = null;

  constructor(
    readonly path: string,
    private readonly text: string,
  ) {
    this.timer = setInterval(() => this.refresh(), timing.refreshMs);
    // The lock never keeps a CLI command alive.
    this.timer.unref();
    held.set(path, this);
  }

  stillHeld(): boolean {
    if (this.state === 'held' && readText(this.path) !== this.text) {
      this.stop('lost');
      this.onLost?.();
    }
    return this.state === 'held';
  }

  release(): void {
    if (this.state !== 'held') return;
    this.stop('released');
    const seen = look(this.path);
    if (seen.kind === 'present' && seen.text === this.text) retire(this.path, seen);
  }

  private refresh(): void {
    if (!this.stillHeld()) return;
    const now = new Date();
    try {
      utimesSync(this.path, now, now);
    } catch {
      // Removed between the check and now: the next check finds it lost.
    }
  }

  private stop(state: 'lost' | 'released'): void {
    this.state = state;
    clearInterval(this.timer);
    if (held.get(this.path) === this) held.delete(this.path);
  }
}

function readText(path: string): string | null {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return null;
  }
}

/** Takes the vault's lock or refuses with `conflict` / `vault_open_elsewhere`; returns its release. */
export function acquireInstanceLock(paths: VaultPaths): () => void {
  const path = lockPath(paths);
  const text = JSON.stringify(ownerRecord(randomUUID(), new Date()));
  // A few rounds: a dead owner's lock may be retired by another process at the same time.
  for (let round = 0; round < 5; round++) {
    if (create(path, text)) {
      const lock = new HeldLock(path, text);
      removeRetiredLeftovers(path);
      return () => lock.release();
    }
    const seen = look(path);
    if (seen.kind === 'present') {
      if (!takeable(seen)) throw refusal(seen);
      retire(path, seen);
    }
  }
  throw refusal(look(path));
}

/**
 * The lock this process took last on the vault at `paths`. Ask right after opening: should
 * that lock be lost and another core of this process take the folder's lock, the answer
 * changes, so a holder keeps the answer it got.
 */
export function heldInstanceLock(paths: VaultPaths): HeldInstanceLock | null {
  return held.get(lockPath(paths)) ?? null;
}
