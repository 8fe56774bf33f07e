/**
 * A full disk, told as what it is (issue: a full disk gave raw or wrong errors). SQLite says
 * SQLITE_FULL when a write finds no room, and SQLITE_IOERR when it cannot even grow its
 * shared-memory index on open; Node says ENOSPC (or EDQUOT over a quota). Either way the
 * person gets one line naming the disk and how much room is left, never a stack.
 */
import { statfsSync } from 'node:fs';
import { RegistreError } from '../../shared/errors';

/** Below this much free room, an I/O error from SQLite is taken to be the full disk. */
const NEARLY_FULL_BYTES = 1024 * 1024;

const FULL_ERRNO = new Set(['ENOSPC', 'EDQUOT']);

function codeOf(e: unknown): string | undefined {
  const code = (e as { code?: unknown } | null)?.code;
  return typeof code === 'string' ? code : undefined;
}

/** Free bytes for an unprivileged writer on the disk holding `path`, or null when the system will not say. */
export function freeBytes(path: string): number | null {
  try {
    const s = statfsSync(path);
    return s.bavail * s.bsize;
  } catch {
    return null;
  }
}

/** True when `e` is a write that failed for want of room on the disk holding `dir`. */
export function isDiskFull(e: unknown, dir: string): boolean {
  if (e instanceof RegistreError) return false;
  const code = codeOf(e);
  if (code === undefined) return false;
  if (FULL_ERRNO.has(code) || code === 'SQLITE_FULL') return true;
  if (!code.startsWith('SQLITE_IOERR')) return false;
  const free = freeBytes(dir);
  return free !== null && free < NEARLY_FULL_BYTES;
}

/** "8 KB", "3.2 MB": room left, in the units people see in their file manager. */
export function describeBytes(bytes: number): string {
  if (bytes < 1024 * 1024) return `${Math.floor(bytes / 1024)} KB`;
  if (bytes < 1024 * 1024 * 1024) return `${(bytes / (1024 * 1024)).toFixed(1)} MB`;
  return `${(bytes / (1024 * 1024 * 1024)).toFixed(1)} GB`;
}

/** The one line a person sees; `freeBytes` goes in the detail so the screens can say it in their language. */
export function vaultDiskFull(dir: string): RegistreError {
  const free = freeBytes(dir);
  const room = free === null ? '' : ` (${describeBytes(free)} free)`;
  return new RegistreError('conflict', `The disk holding the vault is full${room}; nothing was changed. Free some space and try again.`, {
    reason: 'disk_full',
    ...(free === null ? {} : { freeBytes: free }),
  });
}

/** `e` as the vault's full disk when that is what it is, else `e` unchanged. */
export function asVaultDiskFull(e: unknown, dir: string): unknown {
  return isDiskFull(e, dir) ? vaultDiskFull(dir) : e;
}
