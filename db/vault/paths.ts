/** The files that make up a vault folder, and the refusal of network locations. */
import { existsSync, realpathSync, statfsSync } from 'node:fs';
import { homedir } from 'node:os';
import { dirname, join, posix, resolve, win32 } from 'node:path';
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
  /** A rekeyed copy being prepared; never opened as the vault. */
  rekeyTemp: string;
  /** The export in flight (db/export/journal.ts): where its files go, so a crash leaves nothing behind. */
  exportJournal: string;
  /** The erasure ledger's copy beside the vault (db/erasure/ledger-file.ts): pseudonymous ids and days only. */
  erasures: string;
  /** A restore in flight (db/vault/restore-swap.ts): which files it swaps, so a killed one completes at the next open. */
  restoreJournal: string;
  /** The folder a backup's files are prepared in before they replace the vault's. */
  restoreStaging: string;
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
    rekeyTemp: join(d, 'registre.db.rekey'),
    exportJournal: join(d, 'registre.exports'),
    erasures: join(d, 'registre.erasures'),
    restoreJournal: join(d, 'registre.restore.json'),
    restoreStaging: join(d, 'registre.restore'),
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
 * Where a new vault goes unless the user chooses: the per-user *local* application-data
 * folder, never Documents or the Desktop, which Windows (OneDrive) and macOS (iCloud)
 * commonly sync to the cloud. REGISTRE_VAULT overrides it.
 */
export function defaultVaultDir(env: NodeJS.ProcessEnv = process.env, platform: NodeJS.Platform = process.platform): string {
  if (env.REGISTRE_VAULT) return env.REGISTRE_VAULT;
  if (platform === 'win32') return join(env.LOCALAPPDATA || join(homedir(), 'AppData', 'Local'), 'Registre', 'Vault');
  if (platform === 'darwin') return join(homedir(), 'Library', 'Application Support', 'Registre', 'Vault');
  return join(env.XDG_DATA_HOME || join(homedir(), '.local', 'share'), 'registre', 'vault');
}

function isInside(dir: string, root: string, platform: NodeJS.Platform): boolean {
  const p = platform === 'win32' ? win32 : posix;
  const rel = p.relative(p.resolve(root), p.resolve(dir));
  return rel === '' || (!rel.startsWith('..') && !p.isAbsolute(rel));
}

/** The nearest folder of `dir` that exists (the vault folder may not exist yet). */
function existingAncestor(dir: string): string {
  let d = resolve(dir);
  while (!existsSync(d) && dirname(d) !== d) d = dirname(d);
  return d;
}

const UNC = /^(\\\\|\/\/)(?![?.][\\/][A-Za-z]:)[^\\/]/;

/**
 * SQLite's locking is unreliable on network shares, and a half-synced copy of an
 * encrypted vault is unrecoverable: refuse UNC paths, mapped network drives, network file
 * systems and cloud-synced folders, with a message that says what to do instead.
 */
export function assertLocalPath(dir: string, platform: NodeJS.Platform = process.platform, env: NodeJS.ProcessEnv = process.env): void {
  const message = "The vault must be on this computer's own disk, not on a network share or synced drive. " + 'Choose a local folder; use backups to keep a copy elsewhere.';
  if (UNC.test(dir) && (platform === 'win32' || dir.startsWith('\\\\'))) {
    throw new RegistreError('invalid_input', message, { reason: 'unc_path' });
  }
  if (platform === 'win32' && /^\\\\\?\\UNC\\/i.test(dir)) {
    throw new RegistreError('invalid_input', message, { reason: 'unc_path' });
  }
  const synced = [env.OneDrive, env.OneDriveCommercial, env.OneDriveConsumer].filter((r): r is string => !!r);
  if (synced.some((root) => isInside(dir, root, platform))) throw new RegistreError('invalid_input', message, { reason: 'synced_folder' });
  if (platform === 'win32' && process.platform === 'win32') {
    // A mapped drive (Z:) resolves to its UNC path.
    let real = '';
    try {
      real = realpathSync.native(existingAncestor(dir));
    } catch {
      return;
    }
    if (UNC.test(real) || /^\\\\\?\\UNC\\/i.test(real)) throw new RegistreError('invalid_input', message, { reason: 'unc_path' });
  }
  if (platform === 'linux') {
    let type: number | undefined;
    try {
      type = statfsSync(existingAncestor(dir)).type;
    } catch {
      return;
    }
    const fs = NETWORK_FS_TYPES.get(type);
    if (fs) throw new RegistreError('invalid_input', message, { reason: 'network_fs', fs });
  }
}
