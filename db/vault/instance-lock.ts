/**
 * Single-writer lock: one app window or CLI command at a time per vault, so two instances
 * cannot interleave key-slot or schema changes. proper-lockfile refreshes the lock's
 * mtime while held; a lock left by a crashed process goes stale and is taken over.
 */
import lockfile from 'proper-lockfile';
import { RegistreError } from '../../shared/errors';
import type { VaultPaths } from './paths';

export function acquireInstanceLock(paths: VaultPaths): () => void {
  try {
    const release = lockfile.lockSync(paths.dir, {
      lockfilePath: `${paths.dir}/registre.lock`,
      // Short, so a lock left by a crash clears within seconds; refreshed well within it.
      stale: 10_000,
      update: 3_000,
      realpath: false,
      onCompromised: () => {
        // Another process took the lock over after ours went stale (machine slept).
        // Keep running: SQLite's own locking still protects each transaction.
      },
    });
    let released = false;
    return () => {
      if (released) return;
      released = true;
      try {
        release();
      } catch {
        // already released or compromised
      }
    };
  } catch (e) {
    if ((e as { code?: string }).code === 'ELOCKED') {
      throw new RegistreError('conflict', 'This vault is already open in another Registre window or command. Close it there first; ' + 'if Registre stopped unexpectedly, try again in 10 seconds.', {
        reason: 'vault_open_elsewhere',
      });
    }
    throw e;
  }
}
