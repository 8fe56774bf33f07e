/**
 * Growing delay after repeated wrong passphrases or recovery keys, surviving restarts.
 * Kept in its own small file so that a failed attempt changes no byte of the vault or
 * of the key sidecar. It slows a person guessing at the keyboard; the real protection
 * against an offline attacker is the KDF cost of each guess.
 */
import { closeSync, existsSync, fsyncSync, openSync, readFileSync, writeSync } from 'node:fs';
import { writeFileAtomic } from './atomic-file';

export const FREE_ATTEMPTS = 5;
const MAX_DELAY_SECONDS = 15 * 60;
/**
 * Every record has this size and is rewritten in place, so counting a failure needs no new
 * room on the disk: on a full disk a wrong guess is still counted (issue: it threw ENOSPC
 * and went uncounted). A sector-sized write cannot be torn into two halves on any disk.
 */
const RECORD_BYTES = 64;

interface LockoutState {
  failures: number;
  lastFailureAt: number;
}

function read(path: string): LockoutState {
  try {
    const s = JSON.parse(readFileSync(path, 'utf8')) as Partial<LockoutState>;
    if (typeof s.failures === 'number' && typeof s.lastFailureAt === 'number') {
      return { failures: s.failures, lastFailureAt: s.lastFailureAt };
    }
  } catch {
    // absent or unreadable: no recorded failures
  }
  return { failures: 0, lastFailureAt: 0 };
}

/** Delay imposed after `failures` consecutive failures: 0 for the first five, then 2^n s. */
export function delayForFailures(failures: number): number {
  if (failures < FREE_ATTEMPTS) return 0;
  return Math.min(MAX_DELAY_SECONDS, 2 ** (failures - FREE_ATTEMPTS + 1));
}

export function retryAfterSeconds(path: string, now = Date.now()): number {
  const s = read(path);
  const wait = s.lastFailureAt + delayForFailures(s.failures) * 1000 - now;
  return wait > 0 ? Math.ceil(wait / 1000) : 0;
}

function write(path: string, state: LockoutState): void {
  const record = Buffer.from(JSON.stringify(state).padEnd(RECORD_BYTES, ' '), 'utf8');
  if (!existsSync(path)) {
    writeFileAtomic(path, record);
    return;
  }
  const fd = openSync(path, 'r+');
  try {
    writeSync(fd, record, 0, record.length, 0);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

/**
 * Makes sure a failure can be counted before a guess is checked: creates the record file if
 * it is missing. On a full disk that creation throws, and the attempt is refused before its
 * guess is looked at, so filling the disk never buys a guess that goes uncounted.
 */
export function ensureCountable(path: string): void {
  if (!existsSync(path)) write(path, { failures: 0, lastFailureAt: 0 });
}

export function recordFailure(path: string, now = Date.now()): number {
  const s = read(path);
  write(path, { failures: s.failures + 1, lastFailureAt: now });
  return delayForFailures(s.failures + 1);
}

/** Zero failures, in place: the file stays, so the next failure can be counted on a full disk. */
export function clearFailures(path: string): void {
  if (read(path).failures > 0 || !existsSync(path)) write(path, { failures: 0, lastFailureAt: 0 });
}
