/**
 * Growing delay after repeated wrong passphrases or recovery keys, surviving restarts.
 * Kept in its own small file so that a failed attempt changes no byte of the vault or
 * of the key sidecar. It slows a person guessing at the keyboard; the real protection
 * against an offline attacker is the KDF cost of each guess.
 */
import { readFileSync, existsSync, unlinkSync } from 'node:fs';
import { writeFileAtomic } from './atomic-file';

export const FREE_ATTEMPTS = 5;
const MAX_DELAY_SECONDS = 15 * 60;

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

export function recordFailure(path: string, now = Date.now()): number {
  const s = read(path);
  writeFileAtomic(path, JSON.stringify({ failures: s.failures + 1, lastFailureAt: now }));
  return delayForFailures(s.failures + 1);
}

export function clearFailures(path: string): void {
  if (existsSync(path)) unlinkSync(path);
}
