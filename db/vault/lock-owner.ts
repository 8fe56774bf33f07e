/**
 * Who holds the single-writer lock, and whether that process is still alive. The lock file
 * names its owner so another process can tell a live owner (however long it has been
 * suspended or paused in a debugger) from a dead one (crashed, killed) without waiting.
 *
 * Pid reuse: a bare pid may belong to another process by now. On Linux the owner also
 * records its pid namespace, the boot id and its start time from /proc, so a reused pid or
 * a previous boot is recognised as dead. Elsewhere there is no cheap start time: a lock
 * taken before this machine last booted is dead, otherwise a live pid counts as the owner
 * (a reused pid keeps the vault refused until that process ends, never lets two writers in).
 */
import { readFileSync, readlinkSync } from 'node:fs';
import { hostname, uptime } from 'node:os';

export interface LockOwner {
  pid: number;
  hostname: string;
  /** Random, so a lock is recognised as ours even after our pid is reused. */
  token: string;
  takenAt: string;
  /** Linux only: which process exactly (pid namespace, boot, start time in clock ticks); null elsewhere. */
  process: LinuxProcess | null;
}

interface LinuxProcess {
  namespace: string;
  boot: string;
  start: string;
}

/** 'unknown': the owner cannot be checked from here (another computer or pid namespace). */
export type OwnerState = 'alive' | 'dead' | 'unknown';

// A lock taken this long before the computed boot time predates the boot; the margin
// absorbs clock corrections made since then.
const BOOT_MARGIN_MS = 60_000;

function procStat(pid: number | 'self'): { state: string; startTicks: string } | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // The command name (field 2) may hold spaces and parentheses: count from the last ')'.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    const state = fields[0];
    const startTicks = fields[19];
    return state && startTicks ? { state, startTicks } : null;
  } catch {
    return null;
  }
}

function thisLinuxProcess(): LinuxProcess | null {
  if (process.platform !== 'linux') return null;
  try {
    const start = procStat('self')?.startTicks;
    if (!start) return null;
    return { namespace: readlinkSync('/proc/self/ns/pid'), boot: readFileSync('/proc/sys/kernel/random/boot_id', 'utf8').trim(), start };
  } catch {
    return null;
  }
}

export function ownerRecord(token: string, now: Date): LockOwner {
  return { pid: process.pid, hostname: hostname(), token, takenAt: now.toISOString(), process: thisLinuxProcess() };
}

const isLinuxProcess = (p: unknown): p is LinuxProcess => typeof p === 'object' && p !== null && ['namespace', 'boot', 'start'].every((k) => typeof (p as Record<string, unknown>)[k] === 'string');

export function parseOwner(text: string): LockOwner | null {
  try {
    const o = JSON.parse(text) as Partial<LockOwner>;
    const valid =
      Number.isSafeInteger(o.pid) &&
      (o.pid ?? 0) > 0 &&
      typeof o.hostname === 'string' &&
      typeof o.token === 'string' &&
      typeof o.takenAt === 'string' &&
      (o.process === null || isLinuxProcess(o.process));
    return valid ? (o as LockOwner) : null;
  } catch {
    return null;
  }
}

export function pidExists(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    // EPERM: the process exists but belongs to another user.
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

export function ownerState(owner: LockOwner): OwnerState {
  if (owner.hostname !== hostname()) return 'unknown';
  const me = thisLinuxProcess();
  if (owner.process && me) {
    // Pids of another namespace (a Flatpak or Snap sandbox) mean other processes here.
    if (owner.process.namespace !== me.namespace) return 'unknown';
    if (owner.process.boot !== me.boot) return 'dead';
    const stat = procStat(owner.pid);
    // A zombie has exited; only its parent has not collected it yet.
    if (!stat || stat.state === 'Z' || stat.state === 'X') return 'dead';
    return stat.startTicks === owner.process.start ? 'alive' : 'dead';
  }
  const bootedAt = Date.now() - uptime() * 1000;
  if (Date.parse(owner.takenAt) < bootedAt - BOOT_MARGIN_MS) return 'dead';
  return pidExists(owner.pid) ? 'alive' : 'dead';
}
