/** The files that make up a vault folder, and the refusal of network locations. */
import { statfsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { RegistreError } from '../../shared/errors';

export interface VaultPaths {
  dir: string;
  db: string;
  wal: string;
  shm: string;
  /** Key-slot sidecar (JSON, no personal data). */
  keys: string;
  /** Failed-unlock counter, kept apart so a wrong passphrase changes no vault byte. */
  lockout: string;
  /** Single-writer lock held by the app or CLI that has the vault open. */
  instanceLock: string;
  /** A rekeyed copy being prepared; never opened as the vault. */
  rekeyTemp: string;
}

export function vaultPaths(dir: string): VaultPaths {
  const d = resolve(dir);
  const db = join(d, 'registre.db');
  return {
    dir: d,
    db,
    wal: `${db}-wal`,
    shm: `${db}-shm`,
    keys: join(d, 'registre.keys'),
    lockout: join(d, 'registre.lockout'),
    instanceLock: join(d, 'registre.db'),
    rekeyTemp: join(d, 'registre.db.rekey'),
  };
}

// statfs f_type magic numbers of network and FUSE file systems (Linux).
const NETWORK_FS_TYPES = new Map<number, string>([
  [0x6969, 'NFS'],
  [0x517b, 'SMB'],
  [0xff534d42, 'CIFS'],
  [0xfe534d42, 'SMB2'],
  [0x65735546, 'FUSE (sshfs, cloud drive)'],
  [0x564c, 'NCP'],
  [0x7461636f, 'OCFS2'],
  [0x47504653, 'GPFS'],
  [0x00c36400, 'CephFS'],
  [0x013111a8, 'IBRIX'],
  [0x61636673, 'ACFS'],
]);

/**
 * SQLite's locking is unreliable on network shares, and a half-synced copy of an
 * encrypted vault is unrecoverable: refuse UNC paths and network file systems with a
 * message that says what to do instead.
 */
export function assertLocalPath(dir: string, platform: NodeJS.Platform = process.platform): void {
  const message =
    'The vault must be on this computer\'s own disk, not on a network share or synced drive. ' +
    'Choose a local folder; use backups to keep a copy elsewhere.';
  if (/^(\\\\|\/\/)(?![?.][\\/][A-Za-z]:)[^\\/]/.test(dir) && (platform === 'win32' || dir.startsWith('\\\\'))) {
    throw new RegistreError('invalid_input', message, { reason: 'unc_path' });
  }
  if (platform === 'win32' && /^\\\\\?\\UNC\\/i.test(dir)) {
    throw new RegistreError('invalid_input', message, { reason: 'unc_path' });
  }
  if (platform === 'linux') {
    let type: number | undefined;
    try {
      type = statfsSync(dir).type;
    } catch {
      return; // folder not created yet: its parent is checked by the caller
    }
    const fs = NETWORK_FS_TYPES.get(type);
    if (fs) throw new RegistreError('invalid_input', message, { reason: 'network_fs', fs });
  }
}
